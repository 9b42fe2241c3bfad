import { BatonError, type BatonErrorOptions, isBatonErrorNamed } from './baton-error.js';

/** The provider throttled the call (HTTP 429); `retryAfterMs` is its own hint when given. */
export class RateLimitError extends BatonError {
  /** How long the provider asked us to wait, from `retry-after` / `retry-after-ms` headers or the body. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: BatonErrorOptions & { retryAfterMs?: number } = {}) {
    const { retryAfterMs, ...rest } = options;
    super('rate_limit', message, true, rest);
    this.name = 'RateLimitError';
    this.retryAfterMs = retryAfterMs;
  }

  static override isInstance(error: unknown): error is RateLimitError {
    return isBatonErrorNamed(error, 'RateLimitError');
  }
}
