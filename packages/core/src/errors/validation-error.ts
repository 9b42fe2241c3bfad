import { BatonError, type BatonErrorOptions, isBatonErrorNamed } from './baton-error.js';

/** One problem found while validating input: where, and what. */
export interface ValidationIssue {
  path: (string | number)[];
  message: string;
}

/** Input (user, model or wire) did not match its schema; `issues` says where. */
export class ValidationError extends BatonError {
  readonly issues: ValidationIssue[];

  constructor(message: string, issues: ValidationIssue[] = [], options: BatonErrorOptions = {}) {
    super('validation', message, false, options);
    this.name = 'ValidationError';
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is ValidationError {
    return isBatonErrorNamed(error, 'ValidationError');
  }
}
