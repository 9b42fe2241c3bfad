/** What a wire server writes for one request: status, headers and a whole or chunked body. */
export interface WireReply {
  /** HTTP status (default 200). */
  status?: number;
  /** Response headers. */
  headers?: Record<string, string>;
  /** The whole body. */
  body?: string | Uint8Array;
  /** The body as separate writes (streaming); `body` is ignored when set. */
  chunks?: (string | Uint8Array)[];
  /** Delay between chunk writes. */
  chunkDelayMs?: number;
  /** Delay before the status line and headers. */
  firstByteDelayMs?: number;
  /** Destroy the connection after the chunks instead of ending the response. */
  cut?: boolean;
}

/** A JSON response. */
export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): WireReply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** A `text/event-stream` response with one chunk per event (`event:` line only when named). */
export function sseReply(
  events: { event?: string; data: string }[],
  options: { headers?: Record<string, string>; chunkDelayMs?: number } = {},
): WireReply {
  return {
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      ...options.headers,
    },
    chunks: events.map((e) => `${e.event === undefined ? '' : `event: ${e.event}\n`}data: ${e.data}\n\n`),
    ...(options.chunkDelayMs ? { chunkDelayMs: options.chunkDelayMs } : {}),
  };
}

/** An `application/x-ndjson` response with one chunk per line. */
export function ndjsonReply(
  values: unknown[],
  options: { headers?: Record<string, string>; chunkDelayMs?: number } = {},
): WireReply {
  return {
    status: 200,
    headers: { 'content-type': 'application/x-ndjson', ...options.headers },
    chunks: values.map((value) => `${typeof value === 'string' ? value : JSON.stringify(value)}\n`),
    ...(options.chunkDelayMs ? { chunkDelayMs: options.chunkDelayMs } : {}),
  };
}
