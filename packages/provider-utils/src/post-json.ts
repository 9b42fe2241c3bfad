import { ProviderUnavailableError } from '@baton/core/contracts';
import { Pool } from 'undici';
import { type ByteSource, iterateBytes } from './byte-source.js';
import { mapTransportError } from './map-transport-error.js';
import { safeParseJson } from './safe-parse-json.js';

/** Connect, first-byte and whole-request deadlines, in milliseconds. */
export interface HttpTimeouts {
  /** TCP/TLS connect (default 10 s; undici path only). */
  connectMs?: number;
  /** From sending the request to the response headers (default 10 min). */
  firstByteMs?: number;
  /** The whole request, body included (default none). */
  totalMs?: number;
}

/** A user-supplied `fetch` (same shape as the global one). */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** Options for `postJson`. */
export interface PostJsonOptions {
  /** Absolute URL. */
  url: string;
  /** Request headers; `content-type: application/json` is added when absent. */
  headers?: Record<string, string | undefined>;
  /** JSON value to send, or an already serialized string (sent as is, e.g. when signed). */
  body: unknown;
  /** The caller's signal; aborting rejects with `CancelledError`. */
  signal?: AbortSignal | undefined;
  /** Deadlines. */
  timeouts?: HttpTimeouts | undefined;
  /** Use this fetch instead of Baton's pooled undici client. */
  fetch?: FetchFunction | undefined;
  /** Provider name kept on mapped errors. */
  provider?: string;
}

/** A response whose status has not been judged yet (non-2xx is the adapter's to map). */
export interface HttpResponse {
  /** HTTP status. */
  status: number;
  /** Response headers, lower-cased names (repeated headers joined with `, `). */
  headers: Record<string, string>;
  /** The body; iterating it surfaces transport failures as Baton errors. */
  body: AsyncIterable<Uint8Array>;
  /** Reads the whole body as JSON (a non-JSON body throws `ProviderUnavailableError`). */
  json(): Promise<unknown>;
  /** Reads the whole body as text. */
  text(): Promise<string>;
}

const DEFAULT_CONNECT_MS = 10_000;
const DEFAULT_FIRST_BYTE_MS = 600_000;
// A stream that sends nothing for this long is dead (undici's own default).
const DEFAULT_BODY_IDLE_MS = 300_000;

// One keep-alive pool per origin (and connect timeout), shared by every adapter in the process.
const pools = new Map<string, Pool>();

function poolFor(origin: string, connectMs: number): Pool {
  const key = `${origin} ${connectMs}`;
  let pool = pools.get(key);
  if (!pool) {
    pool = new Pool(origin, { connect: { timeout: connectMs }, keepAliveTimeout: 30_000 });
    pools.set(key, pool);
  }
  return pool;
}

/** Closes every pooled connection (tests and graceful shutdown). */
export async function closeHttpPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.close()));
}

function serialize(body: unknown): string {
  return typeof body === 'string' ? body : JSON.stringify(body);
}

function prepareHeaders(input: Record<string, string | undefined> | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  let hasContentType = false;
  if (input) {
    for (const name in input) {
      const value = input[name];
      if (value === undefined) continue;
      const lower = name.toLowerCase();
      if (lower === 'content-type') hasContentType = true;
      headers[lower] = value;
    }
  }
  if (!hasContentType) headers['content-type'] = 'application/json';
  return headers;
}

/**
 * POSTs JSON and returns the response without judging its status. Uses one keep-alive
 * undici `Pool` per origin, or the given `fetch`. Transport failures (including those while
 * reading the body) reject with Baton errors: the caller's abort → `CancelledError`,
 * deadlines → `TimeoutError`, connection failures → retryable `ProviderUnavailableError`.
 */
export async function postJson(options: PostJsonOptions): Promise<HttpResponse> {
  const { url, signal, timeouts, provider } = options;
  const headers = prepareHeaders(options.headers);
  const payload = serialize(options.body);
  if (signal?.aborted) throw mapTransportError(signal.reason, { provider, signal });

  // Baton's own deadlines share one controller; which one fired decides the error.
  const deadline = { fired: undefined as 'first-byte' | 'total' | undefined };
  let controller: AbortController | undefined;
  let totalTimer: ReturnType<typeof setTimeout> | undefined;
  let firstByteTimer: ReturnType<typeof setTimeout> | undefined;
  const fire = (which: 'first-byte' | 'total') => {
    deadline.fired ??= which;
    controller?.abort(new Error(`${which} timeout`));
  };
  if (timeouts?.totalMs !== undefined || (options.fetch && timeouts?.firstByteMs !== undefined)) {
    controller = new AbortController();
  }
  if (timeouts?.totalMs !== undefined) {
    totalTimer = setTimeout(fire, timeouts.totalMs, 'total');
    totalTimer.unref?.();
  }
  const clear = () => {
    if (totalTimer) clearTimeout(totalTimer);
    if (firstByteTimer) clearTimeout(firstByteTimer);
    totalTimer = firstByteTimer = undefined;
  };
  const combined = controller
    ? signal
      ? AbortSignal.any([signal, controller.signal])
      : controller.signal
    : signal;
  const fail = (error: unknown) => {
    clear();
    return mapTransportError(error, {
      provider,
      signal,
      ...(deadline.fired ? { timedOut: deadline.fired } : {}),
    });
  };

  let status: number;
  let responseHeaders: Record<string, string>;
  let source: ByteSource;
  try {
    if (options.fetch) {
      if (timeouts?.firstByteMs !== undefined)
        firstByteTimer = setTimeout(fire, timeouts.firstByteMs, 'first-byte');
      const response = await options.fetch(url, {
        method: 'POST',
        headers,
        body: payload,
        ...(combined ? { signal: combined } : {}),
      });
      if (firstByteTimer) clearTimeout(firstByteTimer);
      status = response.status;
      responseHeaders = {};
      response.headers.forEach((value, name) => {
        responseHeaders[name.toLowerCase()] = value;
      });
      source = response.body ?? (async function* () {})();
    } else {
      const parsed = new URL(url);
      const pool = poolFor(parsed.origin, timeouts?.connectMs ?? DEFAULT_CONNECT_MS);
      const response = await pool.request({
        path: `${parsed.pathname}${parsed.search}`,
        method: 'POST',
        headers,
        body: payload,
        signal: combined,
        headersTimeout: timeouts?.firstByteMs ?? DEFAULT_FIRST_BYTE_MS,
        bodyTimeout: DEFAULT_BODY_IDLE_MS,
      });
      status = response.statusCode;
      responseHeaders = {};
      for (const name in response.headers) {
        const value = response.headers[name];
        if (value === undefined) continue;
        responseHeaders[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
      }
      source = response.body;
    }
  } catch (error) {
    throw fail(error);
  }

  async function* body(): AsyncGenerator<Uint8Array> {
    const encoder = new TextEncoder();
    try {
      for await (const chunk of iterateBytes(source)) {
        yield typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
      }
    } catch (error) {
      throw fail(error);
    } finally {
      clear();
    }
  }
  const iterable = body();
  const text = async () => {
    const decoder = new TextDecoder();
    let out = '';
    for await (const chunk of iterable) out += decoder.decode(chunk, { stream: true });
    return out + decoder.decode();
  };
  return {
    status,
    headers: responseHeaders,
    body: iterable,
    text,
    async json() {
      const raw = await text();
      const parsed = safeParseJson(raw);
      if (!parsed.success) {
        throw new ProviderUnavailableError(
          `${provider ? `${provider}: ` : ''}response is not valid JSON (HTTP ${status}): ${raw.slice(0, 200)}`,
          { provider, status, body: raw, headers: responseHeaders, cause: parsed.error, retryable: false },
        );
      }
      return parsed.value;
    },
  };
}
