import type { HttpResponse } from './post-json.js';
import { readErrorBody } from './read-error-body.js';

/** What a provider's error mapper reads from a failed response. */
export interface FailedResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the body is JSON, else its text (see `readErrorBody`). */
  body: unknown;
}

/** `response` when its status is 2xx; otherwise throws what `toError` makes of the failure. */
export async function expectOk(
  response: HttpResponse,
  toError: (failure: FailedResponse) => Error,
): Promise<HttpResponse> {
  if (response.status >= 200 && response.status < 300) return response;
  throw toError({ status: response.status, headers: response.headers, body: await readErrorBody(response) });
}
