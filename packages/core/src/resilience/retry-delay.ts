import { BatonError } from '../errors/baton-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';

/** The server's own wait hint on an error: `RateLimitError.retryAfterMs`, else its `retry-after(-ms)` header. */
export function retryAfterMsOf(error: unknown, now: number = Date.now()): number | undefined {
  if (RateLimitError.isInstance(error) && error.retryAfterMs !== undefined) return error.retryAfterMs;
  if (!BatonError.isInstance(error)) return undefined;
  const headers = error.provider?.headers;
  if (!headers) return undefined;
  const ms = headers['retry-after-ms'];
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms));
  const after = headers['retry-after']?.trim();
  if (!after) return undefined;
  if (/^\d+(\.\d+)?$/.test(after)) return Math.round(Number(after) * 1000);
  const date = Date.parse(after);
  return Number.isNaN(date) || /^[-+.\d]/.test(after) ? undefined : Math.max(0, date - now);
}

/**
 * Exponential backoff with full jitter: a uniformly random delay in
 * `[0, min(maxDelayMs, baseDelayMs * 2^attempt))`, `attempt` counting from 0.
 * @see https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export function fullJitterDelayMs(
  attempt: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number,
): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}
