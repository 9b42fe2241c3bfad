const marker = Symbol.for('baton.error');

/** What a provider said when a call failed: kept raw so nothing is lost in mapping. */
export interface ProviderErrorDetails {
  /** Provider name, e.g. `openai`. */
  provider?: string;
  /** HTTP status of the failed response, when there was one. */
  status?: number;
  /** The provider's own error type, e.g. `rate_limit_error`. */
  type?: string;
  /** The provider's own error code, e.g. `rate_limit_exceeded`. */
  code?: string;
  /** The response body as received (parsed JSON or text). */
  body?: unknown;
  /** Response headers, lower-cased names. */
  headers?: Record<string, string>;
}

export interface BatonErrorOptions extends ProviderErrorDetails {
  cause?: unknown;
  /** Overrides the class default. */
  retryable?: boolean;
}

/**
 * The root of every error Baton throws. Identity works across two installed copies of
 * `@baton/core` through a `Symbol.for` marker: use `BatonError.isInstance(e)` (or the
 * subclass's) rather than `instanceof`.
 */
export class BatonError extends Error {
  readonly [marker] = true;
  /** Stable machine-readable code, e.g. `rate_limit`. */
  readonly code: string;
  /** Whether retrying the same call may succeed. */
  readonly retryable: boolean;
  /** The provider's view of the failure, when a provider was involved. */
  readonly provider: ProviderErrorDetails | undefined;

  constructor(code: string, message: string, retryable: boolean, options: BatonErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BatonError';
    this.code = code;
    this.retryable = options.retryable ?? retryable;
    const { cause: _cause, retryable: _retryable, ...provider } = options;
    this.provider = Object.keys(provider).length > 0 ? provider : undefined;
  }

  static isInstance(error: unknown): error is BatonError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }

  /** A plain object for logs, events and the CLI's `{ error }` output. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...(this.provider
        ? { status: this.provider.status, type: this.provider.type, providerCode: this.provider.code }
        : {}),
    };
  }
}

/** Builds `static isInstance` for a subclass, matching on the stable `name`. */
export function isBatonErrorNamed(error: unknown, name: string): boolean {
  return BatonError.isInstance(error) && error.name === name;
}
