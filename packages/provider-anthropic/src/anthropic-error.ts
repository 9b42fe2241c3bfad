import type { BatonError } from '@baton/core/contracts';
import { errorFromResponse } from '@baton/provider-utils';
import { AnthropicErrorBodySchema } from './anthropic-messages-api.js';

/**
 * Anthropic's error `type` → the HTTP status the API documents for it. In-stream `error`
 * events carry no status, so this table lets them map exactly like HTTP errors.
 * @see https://docs.anthropic.com/en/api/errors
 */
export const anthropicErrorStatus: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/**
 * A failed Messages response → a Baton error. The body is `{ type: 'error', error: { type,
 * message } }`; 429 honours `retry-after`, 529 `overloaded_error` and 5xx are retryable.
 * @see https://docs.anthropic.com/en/api/errors
 */
export function anthropicErrorFromResponse(response: {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}): BatonError {
  const parsed = AnthropicErrorBodySchema.safeParse(response.body);
  const error = parsed.success ? parsed.data.error : undefined;
  return errorFromResponse({
    provider: 'anthropic',
    status: response.status,
    headers: response.headers,
    body: response.body,
    message: error?.message ?? undefined,
    type: error?.type,
  });
}

/**
 * An in-stream `error` event (`event: error`, e.g. `overloaded_error` after the 200
 * headers were sent) → a Baton error, with the status its type stands for.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming#error-events
 */
export function anthropicErrorFromStreamEvent(
  event: { error: { type: string; message?: string | null | undefined } },
  headers: Record<string, string>,
): BatonError {
  return errorFromResponse({
    provider: 'anthropic',
    status: anthropicErrorStatus[event.error.type] ?? 500,
    headers,
    body: event,
    message: event.error.message ?? undefined,
    type: event.error.type,
  });
}
