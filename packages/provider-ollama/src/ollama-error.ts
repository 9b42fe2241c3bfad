import type { BatonError } from '@baton/core/contracts';
import { errorFromResponse, type HttpResponse, safeParseJson } from '@baton/provider-utils';

/** Maps a non-2xx `/api/chat` response (`{ "error": "..." }`) to Baton's errors. */
export async function ollamaErrorFromResponse(provider: string, response: HttpResponse): Promise<BatonError> {
  const text = await response.text().catch(() => '');
  const parsed = safeParseJson(text);
  const body = parsed.success ? parsed.value : text;
  const message =
    typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string'
      ? (body as { error: string }).error
      : undefined;
  return errorFromResponse({ provider, status: response.status, headers: response.headers, body, message });
}
