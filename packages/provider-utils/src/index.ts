export { type ByteSource, iterateBytes } from './byte-source.js';
export { combineSignals } from './combine-signals.js';
export { type ErrorResponse, errorFromResponse } from './error-from-response.js';
export { expectOk, type FailedResponse } from './expect-ok.js';
export { type LoadApiKeyOptions, loadApiKey } from './load-api-key.js';
export { mapTransportError, type TransportErrorContext, transportErrorCodes } from './map-transport-error.js';
export { type ParseNdjsonOptions, parseNdjson } from './parse-ndjson.js';
export { type HeadersLike, parseRetryAfterMs } from './parse-retry-after-ms.js';
export { parseSse, type SseEvent } from './parse-sse.js';
export { parseWireResponse, type WireResponseContext } from './parse-wire-response.js';
export {
  closeHttpPools,
  type FetchFunction,
  type HttpResponse,
  type HttpTimeouts,
  type PostJsonOptions,
  postJson,
} from './post-json.js';
export { readErrorBody } from './read-error-body.js';
export { rejectFirstErrorPart } from './reject-first-error-part.js';
export { type SafeParseJsonResult, safeParseJson } from './safe-parse-json.js';
