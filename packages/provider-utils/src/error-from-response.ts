import {
  AuthenticationError,
  type BatonError,
  type BatonErrorOptions,
  InvalidRequestError,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
} from '@baton/core/contracts';
import { parseRetryAfterMs } from './parse-retry-after-ms.js';

/** A failed HTTP response and what the adapter parsed out of its body. */
export interface ErrorResponse {
  /** Provider name, e.g. `openai`. */
  provider: string;
  /** HTTP status. */
  status: number;
  /** Response headers, lower-cased names. */
  headers: Record<string, string>;
  /** The body as received: parsed JSON when it was JSON, else text. */
  body: unknown;
  /** The provider's own error message, when the adapter found one. */
  message?: string | undefined;
  /** The provider's own error type, e.g. `invalid_request_error`. */
  type?: string | undefined;
  /** The provider's own error code, e.g. `rate_limit_exceeded`. */
  code?: string | undefined;
}

/**
 * Maps a non-2xx response to Baton's errors, keeping `{ provider, status, type, code, body,
 * headers }` on `error.provider`: 401/403 → `AuthenticationError`; 408 → `TimeoutError`;
 * 429 → `RateLimitError` with `retryAfterMs`; 5xx and 529 → retryable
 * `ProviderUnavailableError`; 400/404/409/413/422 and any other status → `InvalidRequestError`.
 * 409 (a conflict such as a lock timeout) is marked retryable, as the official SDKs retry it.
 * An `x-should-retry: true|false` header from the server overrides `retryable`.
 * Content-filter refusals are the adapter's to recognise.
 */
export function errorFromResponse(response: ErrorResponse): BatonError {
  const { provider, status, headers, body, type, code } = response;
  const detail =
    response.message ?? (typeof body === 'string' && body.length > 0 ? body.slice(0, 500) : undefined);
  const message = `${provider} HTTP ${status}${detail ? `: ${detail}` : ''}`;
  const options: BatonErrorOptions = { provider, status, body, headers };
  if (type !== undefined) options.type = type;
  if (code !== undefined) options.code = code;
  const shouldRetry = headers['x-should-retry'];
  if (shouldRetry === 'true') options.retryable = true;
  else if (shouldRetry === 'false') options.retryable = false;

  if (status === 401 || status === 403) return new AuthenticationError(message, options);
  if (status === 408) return new TimeoutError(message, options);
  if (status === 429)
    return new RateLimitError(message, { ...options, retryAfterMs: parseRetryAfterMs(headers) });
  if (status >= 500) return new ProviderUnavailableError(message, options);
  if (status === 409 && options.retryable === undefined) options.retryable = true;
  return new InvalidRequestError(message, options);
}
