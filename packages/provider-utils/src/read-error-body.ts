import type { HttpResponse } from './post-json.js';
import { safeParseJson } from './safe-parse-json.js';

/**
 * The body of a failed response as the provider sent it: parsed JSON when it is JSON,
 * else the text ('' when even the text cannot be read, e.g. the connection dropped).
 */
export async function readErrorBody(response: Pick<HttpResponse, 'text'>): Promise<unknown> {
  const text = await response.text().catch(() => '');
  const parsed = safeParseJson(text);
  return parsed.success ? parsed.value : text;
}
