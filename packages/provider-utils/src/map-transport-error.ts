import {
  BatonError,
  CancelledError,
  InvalidRequestError,
  ProviderUnavailableError,
  TimeoutError,
} from '@baton/core/contracts';

/** Context for `mapTransportError`. */
export interface TransportErrorContext {
  /** Provider name kept on the error, e.g. `openai`. */
  provider?: string;
  /** The caller's signal: when it is aborted, the failure is the caller's cancellation. */
  signal?: AbortSignal | undefined;
  /** Set when Baton's own whole-request deadline fired. */
  timedOut?: 'first-byte' | 'total';
}

type Kind = 'timeout' | 'unavailable' | 'cancelled' | 'invalid';

/**
 * undici `UND_ERR_*` codes and Node system error codes, mapped to what Baton does with them.
 * @see https://undici.nodejs.org/#/docs/api/Errors
 */
export const transportErrorCodes: Readonly<Record<string, { kind: Kind; what: string }>> = {
  UND_ERR_CONNECT_TIMEOUT: { kind: 'timeout', what: 'connect timeout' },
  UND_ERR_HEADERS_TIMEOUT: { kind: 'timeout', what: 'no response headers before the first-byte timeout' },
  UND_ERR_BODY_TIMEOUT: { kind: 'timeout', what: 'response body stalled past the body timeout' },
  ETIMEDOUT: { kind: 'timeout', what: 'connection timed out' },
  UND_ERR_SOCKET: { kind: 'unavailable', what: 'connection closed by the server' },
  UND_ERR_CLOSED: { kind: 'unavailable', what: 'connection closed' },
  UND_ERR_DESTROYED: { kind: 'unavailable', what: 'connection destroyed' },
  UND_ERR_INFO: { kind: 'unavailable', what: 'unexpected protocol response' },
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: {
    kind: 'unavailable',
    what: 'response shorter than its content-length',
  },
  UND_ERR_RES_EXCEEDED_MAX_SIZE: { kind: 'unavailable', what: 'response exceeded the maximum size' },
  HPE_INVALID_CHUNK_SIZE: { kind: 'unavailable', what: 'malformed chunked response' },
  ECONNRESET: { kind: 'unavailable', what: 'connection reset' },
  ECONNREFUSED: { kind: 'unavailable', what: 'connection refused' },
  ECONNABORTED: { kind: 'unavailable', what: 'connection aborted' },
  EPIPE: { kind: 'unavailable', what: 'broken pipe' },
  ENOTFOUND: { kind: 'unavailable', what: 'host not found' },
  EAI_AGAIN: { kind: 'unavailable', what: 'DNS lookup failed temporarily' },
  EHOSTUNREACH: { kind: 'unavailable', what: 'host unreachable' },
  ENETUNREACH: { kind: 'unavailable', what: 'network unreachable' },
  ENETDOWN: { kind: 'unavailable', what: 'network down' },
  UND_ERR_ABORTED: { kind: 'cancelled', what: 'request aborted' },
  ABORT_ERR: { kind: 'cancelled', what: 'request aborted' },
  UND_ERR_INVALID_ARG: { kind: 'invalid', what: 'invalid request argument' },
  UND_ERR_REQ_CONTENT_LENGTH_MISMATCH: { kind: 'invalid', what: 'request body length mismatch' },
  UND_ERR_NOT_SUPPORTED: { kind: 'invalid', what: 'not supported' },
  ERR_INVALID_URL: { kind: 'invalid', what: 'invalid URL' },
};

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const name = (error as { name?: unknown }).name;
  if (name === 'AbortError') return 'ABORT_ERR';
  if (name === 'TimeoutError') return 'ETIMEDOUT';
  // AggregateError from happy-eyeballs connects: the first inner error speaks for all.
  const errors = (error as { errors?: unknown }).errors;
  if (Array.isArray(errors) && errors.length > 0) return codeOf(errors[0]);
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Maps a transport failure (undici error, Node socket error, `fetch failed`, an abort) to
 * Baton's errors: the caller's abort → `CancelledError` (a `TimeoutError` when the caller's
 * signal was a timeout signal); Baton's own deadlines and undici's timeouts → `TimeoutError`;
 * connection failures → retryable `ProviderUnavailableError`. Unknown failures become a
 * non-retryable `ProviderUnavailableError` (we cannot tell whether retrying is safe).
 * A `BatonError` passes through unchanged.
 */
export function mapTransportError(error: unknown, context: TransportErrorContext = {}): BatonError {
  if (BatonError.isInstance(error)) return error;
  const provider = context.provider;
  const label = provider ? `${provider}: ` : '';
  if (context.signal?.aborted) {
    const reason: unknown = context.signal.reason;
    if (BatonError.isInstance(reason)) return reason;
    if (
      typeof reason === 'object' &&
      reason !== null &&
      (reason as { name?: unknown }).name === 'TimeoutError'
    ) {
      return new TimeoutError(`${label}request timed out (caller deadline)`, { provider, cause: error });
    }
    return new CancelledError(`${label}request cancelled`, { provider, cause: error });
  }
  if (context.timedOut === 'total') {
    return new TimeoutError(`${label}request exceeded its total timeout`, { provider, cause: error });
  }
  if (context.timedOut === 'first-byte') {
    return new TimeoutError(`${label}no response before the first-byte timeout`, { provider, cause: error });
  }
  // `fetch failed` and friends wrap the real failure in `cause`; look a few levels down.
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== undefined; depth++) {
    const code = codeOf(current);
    const entry = code ? transportErrorCodes[code] : undefined;
    if (entry) {
      const message = `${label}${entry.what} (${code}): ${messageOf(current)}`;
      const options = { provider, code, cause: error };
      switch (entry.kind) {
        case 'timeout':
          return new TimeoutError(message, options);
        case 'unavailable':
          return new ProviderUnavailableError(message, options);
        case 'cancelled':
          return new CancelledError(`${label}request aborted`, options);
        case 'invalid':
          return new InvalidRequestError(message, options);
      }
    }
    current = (current as { cause?: unknown } | null)?.cause;
  }
  return new ProviderUnavailableError(`${label}transport failure: ${messageOf(error)}`, {
    provider,
    cause: error,
    retryable: false,
  });
}
