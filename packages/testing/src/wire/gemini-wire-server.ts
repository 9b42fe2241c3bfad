import { randomBytes } from 'node:crypto';
import { jsonReply, type WireReply } from './wire-reply.js';
import {
  argumentsText,
  scenarioUsage,
  splitText,
  type WireScenario,
  type WireUsage,
} from './wire-scenario.js';
import { startWireServer, type WireRequest, type WireRoute, type WireServer } from './wire-server.js';

/** Options for `startGeminiWireServer` / `geminiGenerateContentRoute`. */
export interface GeminiWireServerOptions {
  /** Scenarios answered in order. */
  scenarios?: WireScenario[];
  /** Answers once the queue is empty. */
  respond?: (request: WireRequest) => WireScenario | undefined;
  /** Streamed requests get faults as an `{ error }` event after a first chunk, as Gemini does mid-stream. */
  inStreamErrors?: boolean;
  /** Block every prompt with this `promptFeedback.blockReason` (e.g. `SAFETY`). */
  promptBlockReason?: string;
  /** Reject requests without an API key, as the API does (default true). */
  validateRequests?: boolean;
}

/** google.rpc status, code and the API's own message for each HTTP status. @see https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes */
const errorStatuses: Record<number, { status: string; message: string }> = {
  400: { status: 'INVALID_ARGUMENT', message: 'Request contains an invalid argument.' },
  401: {
    status: 'UNAUTHENTICATED',
    message:
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
  },
  403: { status: 'PERMISSION_DENIED', message: 'The caller does not have permission' },
  404: {
    status: 'NOT_FOUND',
    message:
      'models/gemini-unknown is not found for API version v1beta, or is not supported for generateContent.',
  },
  429: {
    status: 'RESOURCE_EXHAUSTED',
    message:
      'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.',
  },
  500: {
    status: 'INTERNAL',
    message:
      'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  },
  503: { status: 'UNAVAILABLE', message: 'The model is overloaded. Please try again later.' },
  504: { status: 'DEADLINE_EXCEEDED', message: 'Deadline expired before operation could complete.' },
};

/** The documented error body `{ error: { code, message, status, details? } }`. */
export function geminiErrorBody(code: number, message: string, status: string, details?: unknown[]) {
  return { error: { code, message, status, ...(details ? { details } : {}) } };
}

const finishReasons = { stop: 'STOP', length: 'MAX_TOKENS', 'content-filter': 'SAFETY' } as const;

function usageMetadata(usage: WireUsage) {
  const thoughts = usage.reasoningTokens ?? 0;
  const candidates = Math.max(0, usage.outputTokens - thoughts);
  return {
    promptTokenCount: usage.inputTokens,
    candidatesTokenCount: candidates,
    totalTokenCount: usage.inputTokens + usage.outputTokens,
    ...(usage.cachedInputTokens ? { cachedContentTokenCount: usage.cachedInputTokens } : {}),
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: usage.inputTokens }],
    ...(usage.cachedInputTokens
      ? { cacheTokensDetails: [{ modality: 'TEXT', tokenCount: usage.cachedInputTokens }] }
      : {}),
    ...(thoughts ? { thoughtsTokenCount: thoughts } : {}),
  };
}

const blockedRatings = [
  { category: 'HARM_CATEGORY_SEXUALLY_EXPLICIT', probability: 'NEGLIGIBLE' },
  { category: 'HARM_CATEGORY_HATE_SPEECH', probability: 'NEGLIGIBLE' },
  { category: 'HARM_CATEGORY_HARASSMENT', probability: 'NEGLIGIBLE' },
  { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true },
];

/** `alt=sse` events end with CRLF pairs, as the Gemini API sends them. */
function sse(
  values: (unknown | string)[],
  headers: Record<string, string>,
  chunkDelayMs?: number,
): WireReply {
  return {
    status: 200,
    headers: { 'content-type': 'text/event-stream', 'x-content-type-options': 'nosniff', ...headers },
    chunks: values.map(
      (value) => `data: ${typeof value === 'string' ? value : JSON.stringify(value)}\r\n\r\n`,
    ),
    ...(chunkDelayMs ? { chunkDelayMs } : {}),
  };
}

/**
 * The Gemini API: `POST /v1beta/models/{model}:generateContent` and
 * `:streamGenerateContent?alt=sse`.
 * @see https://ai.google.dev/api/generate-content
 */
export function geminiGenerateContentRoute(options: GeminiWireServerOptions = {}): WireRoute {
  const validate = options.validateRequests ?? true;
  return {
    // `/v1beta/models/…` (or `/v1/…`, or no version for a base URL that already has one).
    path: /^(?:\/v1beta|\/v1)?\/(?:models|tunedModels)\/[^/:]+:(?:generateContent|streamGenerateContent)$/,
    reply(request, scenario): WireReply {
      const [, name = 'models/gemini-2.5-flash', method] =
        /^(?:\/v1beta|\/v1)?\/(.+):(\w+)$/.exec(request.path) ?? [];
      const modelVersion = name.replace(/^(?:models|tunedModels)\//, '');
      const stream = method === 'streamGenerateContent';
      const headers = { 'x-gemini-service-tier': 'standard', 'server-timing': 'gfet4t7; dur=412' };
      const responseId = randomBytes(12).toString('base64url');
      const error = (
        status: number,
        message?: string,
        details?: unknown[],
        extra: Record<string, string> = {},
      ) => {
        const fallback = errorStatuses[status] ?? {
          status: status >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT',
          message: 'error',
        };
        return jsonReply(
          status,
          geminiErrorBody(status, message ?? fallback.message, fallback.status, details),
          {
            ...headers,
            ...extra,
          },
        );
      };
      if (validate && !request.headers['x-goog-api-key'] && !request.query.key) {
        return error(
          403,
          "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
        );
      }
      if (stream && request.query.alt !== 'sse') {
        // Without alt=sse the API streams a JSON array; this server only speaks the SSE form.
        return error(400, 'wire server: streamGenerateContent is served with alt=sse only');
      }

      let fault: WireReply | undefined;
      if (scenario.type === 'error') {
        fault = error(scenario.status, scenario.message, undefined, scenario.headers);
        if (scenario.body !== undefined)
          fault.body = typeof scenario.body === 'string' ? scenario.body : JSON.stringify(scenario.body);
      } else if (scenario.type === 'rate-limit') {
        const details: unknown[] = [
          {
            '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
            violations: [
              {
                quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
                quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier',
                quotaDimensions: { location: 'global', model: modelVersion },
                quotaValue: '10',
              },
            ],
          },
          {
            '@type': 'type.googleapis.com/google.rpc.Help',
            links: [
              {
                description: 'Learn more about Gemini API quotas',
                url: 'https://ai.google.dev/gemini-api/docs/rate-limits',
              },
            ],
          },
        ];
        if (scenario.retryAfterSeconds !== undefined) {
          details.push({
            '@type': 'type.googleapis.com/google.rpc.RetryInfo',
            retryDelay: `${scenario.retryAfterSeconds}s`,
          });
        }
        fault = error(scenario.status ?? 429, scenario.message, details);
      } else if (scenario.type === 'server-error') {
        fault = error(scenario.status ?? 500, scenario.message, undefined, scenario.headers);
      }
      if (fault) {
        if (stream && options.inStreamErrors) {
          return sse(
            [
              {
                candidates: [{ content: { parts: [{ text: '' }], role: 'model' }, index: 0 }],
                modelVersion,
                responseId,
              },
              typeof fault.body === 'string' ? fault.body : '',
            ],
            headers,
          );
        }
        return fault;
      }

      if (options.promptBlockReason) {
        const blocked = {
          promptFeedback: { blockReason: options.promptBlockReason, safetyRatings: blockedRatings },
          usageMetadata: {
            promptTokenCount: 9,
            totalTokenCount: 9,
            promptTokensDetails: [{ modality: 'TEXT', tokenCount: 9 }],
          },
          modelVersion,
          responseId,
        };
        return stream ? sse([blocked], headers) : jsonReply(200, blocked, headers);
      }

      if (scenario.type === 'malformed-event') {
        if (!stream)
          return {
            status: 200,
            headers: { ...headers, 'content-type': 'application/json; charset=UTF-8' },
            body: scenario.payload ?? '{"candidates": [',
          };
        const first = scenario.text
          ? [
              {
                candidates: [{ content: { parts: [{ text: scenario.text }], role: 'model' }, index: 0 }],
                modelVersion,
                responseId,
              },
            ]
          : [];
        return sse(
          [...first, scenario.payload ?? '{"candidates": [{"content": {"parts": [{"text": "'],
          headers,
        );
      }

      const usage =
        scenario.type === 'cut-stream'
          ? scenarioUsage({ text: scenario.text })
          : scenarioUsage(scenario as { usage?: WireUsage; text?: string });
      type Part = Record<string, unknown>;
      const deltas: Part[][] = []; // one entry per streamed chunk
      let finishReason: string;
      let safety = false;
      if (scenario.type === 'text' || scenario.type === 'cut-stream') {
        if (scenario.type === 'text' && scenario.reasoning) {
          const signature = randomBytes(24).toString('base64');
          for (const piece of splitText(scenario.reasoning)) deltas.push([{ text: piece, thought: true }]);
          deltas[deltas.length - 1]![0]!.thoughtSignature = signature;
        }
        const filtered = scenario.type === 'text' && scenario.finishReason === 'content-filter';
        if (!filtered) {
          const chunks = (scenario.type === 'text' && scenario.textChunks) || splitText(scenario.text);
          for (const piece of chunks) deltas.push([{ text: piece }]);
        }
        safety = filtered;
        finishReason = scenario.type === 'text' ? finishReasons[scenario.finishReason ?? 'stop'] : 'STOP';
      } else if (scenario.type === 'tool-calls') {
        if (scenario.text)
          for (const piece of scenario.textChunks ?? splitText(scenario.text)) deltas.push([{ text: piece }]);
        // Gemini sends function calls whole, all parallel calls in one chunk.
        deltas.push(
          scenario.toolCalls.map((call) => {
            let args: unknown;
            try {
              args = JSON.parse(argumentsText(call));
            } catch {
              args = {};
            }
            return { functionCall: { ...(call.id ? { id: call.id } : {}), name: call.name, args } };
          }),
        );
        finishReason = 'STOP';
      } else {
        throw new Error(`gemini wire server: unsupported scenario ${scenario.type}`);
      }
      const metadata = usageMetadata(usage);
      const candidateEnd = { finishReason, ...(safety ? { safetyRatings: blockedRatings } : {}), index: 0 };

      if (!stream) {
        // The whole answer merges adjacent text parts of one kind, as the API does.
        const parts: Part[] = [];
        for (const delta of deltas) {
          for (const part of delta) {
            const last = parts[parts.length - 1];
            if (
              last &&
              typeof part.text === 'string' &&
              typeof last.text === 'string' &&
              !!last.thought === !!part.thought &&
              !last.thoughtSignature
            ) {
              last.text += part.text;
              if (part.thoughtSignature) last.thoughtSignature = part.thoughtSignature;
            } else parts.push({ ...part });
          }
        }
        const body = {
          candidates: [
            { ...(parts.length > 0 ? { content: { parts, role: 'model' } } : {}), ...candidateEnd },
          ],
          usageMetadata: metadata,
          modelVersion,
          responseId,
        };
        if (scenario.type === 'cut-stream') {
          const whole = JSON.stringify(body);
          return {
            status: 200,
            headers: { ...headers, 'content-type': 'application/json; charset=UTF-8' },
            body: whole.slice(0, whole.length >> 1),
            cut: true,
          };
        }
        return jsonReply(200, body, { ...headers, 'content-type': 'application/json; charset=UTF-8' });
      }
      const partial = {
        promptTokenCount: usage.inputTokens,
        totalTokenCount: usage.inputTokens,
        promptTokensDetails: metadata.promptTokensDetails,
      };
      const chunks: unknown[] = deltas.map((parts, index) => ({
        candidates: [
          {
            content: { parts, role: 'model' },
            ...(index === deltas.length - 1 ? candidateEnd : { index: 0 }),
          },
        ],
        usageMetadata: index === deltas.length - 1 ? metadata : partial,
        modelVersion,
        responseId,
      }));
      if (deltas.length === 0)
        chunks.push({ candidates: [candidateEnd], usageMetadata: metadata, modelVersion, responseId });
      const reply = sse(chunks, headers, 'chunkDelayMs' in scenario ? scenario.chunkDelayMs : undefined);
      if (scenario.type === 'cut-stream')
        return { ...reply, chunks: reply.chunks!.slice(0, scenario.afterChunks ?? 2), cut: true };
      return reply;
    },
  };
}

/**
 * A local server speaking the Gemini API (`generateContent`, `streamGenerateContent?alt=sse`)
 * with scripted scenarios and request recording. Point the adapter at `${server.url}/v1beta`.
 */
export function startGeminiWireServer(options: GeminiWireServerOptions = {}): Promise<WireServer> {
  return startWireServer({
    routes: [geminiGenerateContentRoute(options)],
    ...(options.scenarios ? { scenarios: options.scenarios } : {}),
    ...(options.respond ? { respond: options.respond } : {}),
  });
}
