import { BatonError, type BatonErrorOptions, isBatonErrorNamed } from './baton-error.js';

/** The work was cancelled through its AbortSignal (a cancelled task or run). */
export class CancelledError extends BatonError {
  constructor(message: string, options: BatonErrorOptions = {}) {
    super('cancelled', message, false, options);
    this.name = 'CancelledError';
  }

  static override isInstance(error: unknown): error is CancelledError {
    return isBatonErrorNamed(error, 'CancelledError');
  }
}
