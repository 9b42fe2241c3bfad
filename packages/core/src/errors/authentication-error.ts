import { BatonError, type BatonErrorOptions, isBatonErrorNamed } from './baton-error.js';

/** The provider rejected the credentials, or none were configured (HTTP 401/403). */
export class AuthenticationError extends BatonError {
  constructor(message: string, options: BatonErrorOptions = {}) {
    super('authentication', message, false, options);
    this.name = 'AuthenticationError';
  }

  static override isInstance(error: unknown): error is AuthenticationError {
    return isBatonErrorNamed(error, 'AuthenticationError');
  }
}
