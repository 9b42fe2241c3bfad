import type { BatonError } from '@baton/core/contracts';
import { errorFromResponse, type HttpResponse, readErrorBody } from '@baton/provider-utils';

/** Maps a non-2xx `/api/chat` response (`{ "error": "..." }`) to Baton's errors. */
export async function ollamaErrorFromResponse(provider: string, response: HttpResponse): Promise<BatonError> {
  const body = await readErrorBody(response);
  const message =
    typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string'
      ? (body as { error: string }).error
      : undefined;
  return errorFromResponse({ provider, status: response.status, headers: response.headers, body, message });
}
