import { BatonError, type BatonErrorOptions, isBatonErrorNamed } from './baton-error.js';

/** A connect, first-byte, request or task deadline passed. */
export class TimeoutError extends BatonError {
  constructor(message: string, options: BatonErrorOptions = {}) {
    super('timeout', message, true, options);
    this.name = 'TimeoutError';
  }

  static override isInstance(error: unknown): error is TimeoutError {
    return isBatonErrorNamed(error, 'TimeoutError');
  }
}
