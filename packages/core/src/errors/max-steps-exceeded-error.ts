import { BatonError, type BatonErrorOptions, isBatonErrorNamed } from './baton-error.js';

/** An agent used all its model calls (`maxSteps`) without reaching a final answer. */
export class MaxStepsExceededError extends BatonError {
  readonly maxSteps: number;

  constructor(maxSteps: number, options: BatonErrorOptions = {}) {
    super('max_steps', `no final answer after ${maxSteps} model calls (maxSteps)`, false, options);
    this.name = 'MaxStepsExceededError';
    this.maxSteps = maxSteps;
  }

  static override isInstance(error: unknown): error is MaxStepsExceededError {
    return isBatonErrorNamed(error, 'MaxStepsExceededError');
  }
}
