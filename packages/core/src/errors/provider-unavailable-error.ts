import { BatonError, type BatonErrorOptions, isBatonErrorNamed } from './baton-error.js';

/** The provider failed or was unreachable (HTTP 5xx, 529, connection reset, stream cut). */
export class ProviderUnavailableError extends BatonError {
  constructor(message: string, options: BatonErrorOptions = {}) {
    super('provider_unavailable', message, true, options);
    this.name = 'ProviderUnavailableError';
  }

  static override isInstance(error: unknown): error is ProviderUnavailableError {
    return isBatonErrorNamed(error, 'ProviderUnavailableError');
  }
}
