/** Response headers as a lower-cased record or a WHATWG `Headers`. */
export type HeadersLike = Record<string, string | undefined> | Headers;

function header(headers: HeadersLike, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  return (headers as Record<string, string | undefined>)[name];
}

/**
 * How long the server asked us to wait, in milliseconds: `retry-after-ms` (OpenAI's
 * millisecond hint) first, then `retry-after` as delay-seconds or an HTTP date.
 * Returns `undefined` when neither header is present or parseable.
 * @see https://www.rfc-editor.org/rfc/rfc9110#field.retry-after
 */
export function parseRetryAfterMs(
  headers: HeadersLike | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  const ms = header(headers, 'retry-after-ms');
  if (ms !== undefined && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return Math.round(value);
  }
  const after = header(headers, 'retry-after');
  if (after === undefined || after.trim() === '') return undefined;
  const trimmed = after.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  if (/^[-+.\d]/.test(trimmed)) return undefined; // negative or malformed number, not a date
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
