import { BatonError, type BatonErrorOptions, isBatonErrorNamed } from './baton-error.js';

/** The provider rejected the request as malformed or unsupported (HTTP 400/404/422). */
export class InvalidRequestError extends BatonError {
  constructor(message: string, options: BatonErrorOptions = {}) {
    super('invalid_request', message, false, options);
    this.name = 'InvalidRequestError';
  }

  static override isInstance(error: unknown): error is InvalidRequestError {
    return isBatonErrorNamed(error, 'InvalidRequestError');
  }
}
