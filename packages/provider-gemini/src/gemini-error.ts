import { AuthenticationError, type BatonError, RateLimitError } from '@baton/core/contracts';
import { errorFromResponse, parseRetryAfterMs } from '@baton/provider-utils';
import { GeminiErrorBodySchema } from './gemini-api.js';

/**
 * google.rpc `status` → the HTTP status Google documents for it, for errors that arrive
 * inside a stream (where the HTTP status was already 200).
 * @see https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
 */
export const geminiErrorStatus: Readonly<Record<string, number>> = {
  INVALID_ARGUMENT: 400,
  FAILED_PRECONDITION: 400,
  OUT_OF_RANGE: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  ABORTED: 409,
  RESOURCE_EXHAUSTED: 429,
  CANCELLED: 499,
  INTERNAL: 500,
  UNKNOWN: 500,
  DATA_LOSS: 500,
  NOT_IMPLEMENTED: 501,
  UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
};

/** ErrorInfo reasons that mean "bad credentials" although Google answers 400. */
const credentialReasons = new Set(['API_KEY_INVALID', 'API_KEY_EXPIRED', 'API_KEY_SERVICE_BLOCKED']);

/** `RetryInfo.retryDelay` (a protobuf Duration such as `"30s"` or `"1.5s"`) → milliseconds. */
export function parseGeminiRetryDelayMs(
  details: readonly Record<string, unknown>[] | null | undefined,
): number | undefined {
  if (!details) return undefined;
  for (const detail of details) {
    if (detail['@type'] !== 'type.googleapis.com/google.rpc.RetryInfo') continue;
    const delay = detail.retryDelay;
    if (typeof delay !== 'string') continue;
    const match = /^(\d+(?:\.\d+)?)s$/.exec(delay.trim());
    if (match) return Math.round(Number(match[1]) * 1000);
  }
  return undefined;
}

/**
 * A failed Gemini response (or an `{ error }` object inside a stream) → a Baton error. The
 * body is `{ error: { code, message, status, details } }`: `status` (e.g.
 * `RESOURCE_EXHAUSTED`) is kept as the error type, the ErrorInfo `reason` (e.g.
 * `API_KEY_INVALID`, which Google sends with HTTP 400) as its code and mapped to
 * `AuthenticationError`; a 429 takes its wait from `RetryInfo.retryDelay`, else `retry-after`.
 * @see https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
 */
export function geminiErrorFromResponse(response: {
  status?: number | undefined;
  headers: Record<string, string>;
  body: unknown;
}): BatonError {
  const parsed = GeminiErrorBodySchema.safeParse(response.body);
  const error = parsed.success ? parsed.data.error : undefined;
  const status =
    response.status ?? (error?.status ? geminiErrorStatus[error.status] : undefined) ?? error?.code ?? 500;
  let reason: string | undefined;
  for (const detail of error?.details ?? []) {
    if (detail['@type'] === 'type.googleapis.com/google.rpc.ErrorInfo' && typeof detail.reason === 'string') {
      reason = detail.reason;
    }
  }
  const mapped = errorFromResponse({
    provider: 'gemini',
    status,
    headers: response.headers,
    body: response.body,
    message: error?.message ?? undefined,
    type: error?.status ?? undefined,
    code: reason,
  });
  const options = { ...mapped.provider, cause: mapped.cause };
  if (reason && credentialReasons.has(reason)) return new AuthenticationError(mapped.message, options);
  if (status === 429) {
    const retryAfterMs = parseGeminiRetryDelayMs(error?.details) ?? parseRetryAfterMs(response.headers);
    return new RateLimitError(mapped.message, { ...options, retryAfterMs });
  }
  return mapped;
}
