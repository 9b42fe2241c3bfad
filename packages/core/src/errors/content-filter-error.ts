import { BatonError, type BatonErrorOptions, isBatonErrorNamed } from './baton-error.js';

/** The provider refused or blocked the content for safety reasons. */
export class ContentFilterError extends BatonError {
  constructor(message: string, options: BatonErrorOptions = {}) {
    super('content_filter', message, false, options);
    this.name = 'ContentFilterError';
  }

  static override isInstance(error: unknown): error is ContentFilterError {
    return isBatonErrorNamed(error, 'ContentFilterError');
  }
}
