import {
  type BatonError,
  ContentFilterError,
  InvalidRequestError,
  ProviderUnavailableError,
  RateLimitError,
} from '@baton/core/contracts';
import { errorFromResponse, type HttpResponse, readErrorBody } from '@baton/provider-utils';
import { z } from 'zod';

/**
 * OpenAI's error body: `{ error: { message, type, param, code } }` (lenient: `code` may be
 * a number on some compatible servers, and some send `{ error: "text" }` or `{ message }`).
 * @see https://platform.openai.com/docs/guides/error-codes
 */
export const openaiErrorSchema = z.object({
  error: z.union([
    z.object({
      message: z.string().nullish(),
      type: z.string().nullish(),
      param: z.unknown().nullish(),
      code: z.union([z.string(), z.number()]).nullish(),
    }),
    z.string(),
  ]),
});

const contentFilterCodes = new Set(['content_filter', 'content_policy_violation']);

/** The provider's message, type and code from an error body (any of OpenAI's shapes). */
export function parseOpenAIErrorBody(body: unknown): { message?: string; type?: string; code?: string } {
  const parsed = openaiErrorSchema.safeParse(body);
  if (parsed.success) {
    const error = parsed.data.error;
    if (typeof error === 'string') return { message: error };
    const out: { message?: string; type?: string; code?: string } = {};
    if (error.message) out.message = error.message;
    if (error.type) out.type = error.type;
    if (error.code !== undefined && error.code !== null) out.code = String(error.code);
    return out;
  }
  if (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { message?: unknown }).message === 'string'
  ) {
    return { message: (body as { message: string }).message };
  }
  return {};
}

/** Maps a non-2xx OpenAI (or OpenAI-compatible) response to Baton's errors. */
export async function openaiErrorFromResponse(provider: string, response: HttpResponse): Promise<BatonError> {
  const body = await readErrorBody(response);
  const details = parseOpenAIErrorBody(body);
  if (details.code && contentFilterCodes.has(details.code)) {
    return new ContentFilterError(`${provider}: ${details.message ?? 'content blocked by the provider'}`, {
      provider,
      status: response.status,
      body,
      headers: response.headers,
      ...details,
    });
  }
  const error = errorFromResponse({
    provider,
    status: response.status,
    headers: response.headers,
    body,
    ...details,
  });
  // `insufficient_quota` is a billing limit: waiting does not lift it.
  if (RateLimitError.isInstance(error) && details.code === 'insufficient_quota') {
    return new RateLimitError(error.message, {
      ...(error.provider ?? {}),
      retryable: false,
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    });
  }
  return error;
}

/**
 * Maps an error reported inside a stream (a chunk `{ error: {...} }`, a Responses `error`
 * event or a failed response) by its type/code, since there is no HTTP status to go by.
 */
export function openaiStreamError(
  provider: string,
  error: { message?: string | null; type?: string | null; code?: string | number | null },
  body: unknown,
): BatonError {
  const code = error.code === undefined || error.code === null ? undefined : String(error.code);
  const type = error.type ?? undefined;
  const message = `${provider}: ${error.message ?? 'stream failed'}`;
  const options = { provider, body, ...(type ? { type } : {}), ...(code ? { code } : {}) };
  const kind = code ?? type ?? '';
  if (kind === 'rate_limit_exceeded' || type === 'rate_limit_error')
    return new RateLimitError(message, options);
  if (contentFilterCodes.has(kind)) return new ContentFilterError(message, options);
  if (
    kind === 'invalid_prompt' ||
    kind === 'invalid_request_error' ||
    kind === 'context_length_exceeded' ||
    type === 'invalid_request_error'
  ) {
    return new InvalidRequestError(message, options);
  }
  return new ProviderUnavailableError(message, options);
}
