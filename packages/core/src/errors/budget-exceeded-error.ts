import { BatonError, type BatonErrorOptions, isBatonErrorNamed } from './baton-error.js';

/** A hard budget would be crossed; `budget` names which one (e.g. `run.tokens`, `agent:writer.costUsd`). */
export class BudgetExceededError extends BatonError {
  /** The budget that refused, e.g. `run.tokens`. */
  readonly budget: string;
  /** Its cap. */
  readonly limit: number;
  /** What the refused reservation asked for. */
  readonly requested: number;

  constructor(budget: string, limit: number, requested: number, options: BatonErrorOptions = {}) {
    super(
      'budget_exceeded',
      `budget ${budget} exceeded: requested ${requested}, cap ${limit}`,
      false,
      options,
    );
    this.name = 'BudgetExceededError';
    this.budget = budget;
    this.limit = limit;
    this.requested = requested;
  }

  static override isInstance(error: unknown): error is BudgetExceededError {
    return isBatonErrorNamed(error, 'BudgetExceededError');
  }
}
