import { jsonReply, sseReply, type WireReply } from './wire-reply.js';
import {
  argumentsText,
  scenarioUsage,
  splitFragments,
  splitText,
  type WireScenario,
  type WireUsage,
} from './wire-scenario.js';
import { startWireServer, type WireRequest, type WireRoute, type WireServer } from './wire-server.js';

/** Options for `startAnthropicWireServer` / `anthropicMessagesRoute`. */
export interface AnthropicWireServerOptions {
  /** Scenarios answered in order. */
  scenarios?: WireScenario[];
  /** Answers once the queue is empty. */
  respond?: (request: WireRequest) => WireScenario | undefined;
  /**
   * Streamed requests get faults (`error`, `rate-limit`, `server-error`) as an in-stream
   * `event: error` after a 200 and `message_start`, as Anthropic does when it overloads
   * mid-stream. Default false: faults are HTTP errors.
   */
  inStreamErrors?: boolean;
  /** Reject requests without `x-api-key` / `anthropic-version` or `max_tokens`, as the API does (default true). */
  validateRequests?: boolean;
}

/** Anthropic's error `type` for each HTTP status. @see https://docs.anthropic.com/en/api/errors */
const errorTypes: Record<number, { type: string; message: string }> = {
  400: { type: 'invalid_request_error', message: 'messages: at least one message is required' },
  401: { type: 'authentication_error', message: 'invalid x-api-key' },
  402: { type: 'billing_error', message: 'Your credit balance is too low to access the Anthropic API.' },
  403: {
    type: 'permission_error',
    message: 'Your API key does not have permission to use the specified resource.',
  },
  404: { type: 'not_found_error', message: 'model: claude-unknown' },
  413: { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' },
  429: {
    type: 'rate_limit_error',
    message: 'This request would exceed the rate limit for your organization of 50 requests per minute.',
  },
  500: { type: 'api_error', message: 'Internal server error' },
  504: { type: 'timeout_error', message: 'Request timed out' },
  529: { type: 'overloaded_error', message: 'Overloaded' },
};

/** The documented error body `{ type: 'error', error: { type, message }, request_id }`. */
export function anthropicErrorBody(type: string, message: string, requestId?: string) {
  return { type: 'error', error: { type, message }, ...(requestId ? { request_id: requestId } : {}) };
}

const stopReasons = { stop: 'end_turn', length: 'max_tokens', 'content-filter': 'refusal' } as const;

/** Anthropic usage: `input_tokens` excludes cache reads and writes. */
function anthropicUsage(usage: WireUsage) {
  const read = usage.cachedInputTokens ?? 0;
  const written = usage.cacheWriteInputTokens ?? 0;
  return {
    input_tokens: Math.max(0, usage.inputTokens - read - written),
    cache_creation_input_tokens: written,
    cache_read_input_tokens: read,
    output_tokens: usage.outputTokens,
    service_tier: 'standard',
  };
}

class Ids {
  private n = 0;
  make(prefix: string): string {
    this.n++;
    return `${prefix}01${this.n.toString(36).toUpperCase().padStart(22, '0')}`;
  }
}

function rateLimitHeaders(): Record<string, string> {
  const reset = new Date(Date.now() + 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    'anthropic-ratelimit-requests-limit': '4000',
    'anthropic-ratelimit-requests-remaining': '3999',
    'anthropic-ratelimit-requests-reset': reset,
    'anthropic-ratelimit-tokens-limit': '400000',
    'anthropic-ratelimit-tokens-remaining': '399000',
    'anthropic-ratelimit-tokens-reset': reset,
  };
}

/**
 * The Messages API: `POST /v1/messages`, JSON or server-sent events (`stream: true`).
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
export function anthropicMessagesRoute(
  options: AnthropicWireServerOptions = {},
  // `/v1/messages`, or `/messages` for clients whose base URL is the bare origin.
  path: string | RegExp = /^(?:\/v1)?\/messages$/,
): WireRoute {
  const ids = new Ids();
  const validate = options.validateRequests ?? true;
  return {
    path,
    reply(request, scenario): WireReply {
      const requestId = ids.make('req_');
      const headers = { 'request-id': requestId, ...rateLimitHeaders() };
      const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
        string,
        unknown
      >;
      const error = (status: number, type?: string, message?: string, extra: Record<string, string> = {}) => {
        const fallback = errorTypes[status] ?? {
          type: status >= 500 ? 'api_error' : 'invalid_request_error',
          message: 'error',
        };
        return jsonReply(
          status,
          anthropicErrorBody(type ?? fallback.type, message ?? fallback.message, requestId),
          {
            'request-id': requestId,
            ...extra,
          },
        );
      };
      if (validate) {
        if (!request.headers['x-api-key'])
          return error(401, 'authentication_error', 'x-api-key header is required');
        if (!request.headers['anthropic-version'])
          return error(400, 'invalid_request_error', 'anthropic-version: header is required');
        if (typeof body.max_tokens !== 'number')
          return error(400, 'invalid_request_error', 'max_tokens: Field required');
      }
      const model = typeof body.model === 'string' ? body.model : 'claude-sonnet-4-5';
      const stream = body.stream === true;

      // Faults: HTTP errors, or (inStreamErrors) an `error` event inside a 200 stream.
      let fault:
        | { status: number; type: string; message: string; headers: Record<string, string>; body?: unknown }
        | undefined;
      if (scenario.type === 'error') {
        const fallback = errorTypes[scenario.status];
        fault = {
          status: scenario.status,
          type:
            scenario.errorType ??
            fallback?.type ??
            (scenario.status >= 500 ? 'api_error' : 'invalid_request_error'),
          message: scenario.message ?? fallback?.message ?? `HTTP ${scenario.status}`,
          headers: scenario.headers ?? {},
          body: scenario.body,
        };
      } else if (scenario.type === 'rate-limit') {
        const status = scenario.status ?? 429;
        const extra: Record<string, string> = {};
        if (scenario.retryAfterSeconds !== undefined)
          extra['retry-after'] = String(scenario.retryAfterSeconds);
        if (status === 429) extra['anthropic-ratelimit-requests-remaining'] = '0';
        fault = {
          status,
          type: errorTypes[status]?.type ?? 'rate_limit_error',
          message: scenario.message ?? errorTypes[status]?.message ?? 'rate limited',
          headers: extra,
        };
      } else if (scenario.type === 'server-error') {
        const status = scenario.status ?? 500;
        fault = {
          status,
          type: errorTypes[status]?.type ?? 'api_error',
          message: scenario.message ?? errorTypes[status]?.message ?? 'Internal server error',
          headers: scenario.headers ?? {},
        };
      }
      const messageStart = () => ({
        event: 'message_start',
        data: JSON.stringify({
          type: 'message_start',
          message: {
            id: ids.make('msg_'),
            type: 'message',
            role: 'assistant',
            model,
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: {
              input_tokens: 12,
              cache_creation_input_tokens: 0,
              cache_read_input_tokens: 0,
              output_tokens: 1,
              service_tier: 'standard',
            },
          },
        }),
      });
      if (fault) {
        if (stream && options.inStreamErrors) {
          return sseReply(
            [
              messageStart(),
              {
                event: 'error',
                data: JSON.stringify(anthropicErrorBody(fault.type, fault.message, requestId)),
              },
            ],
            { headers },
          );
        }
        const reply = error(fault.status, fault.type, fault.message, fault.headers);
        if (fault.body !== undefined) {
          reply.body = typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body);
          if (typeof fault.body === 'string')
            reply.headers = { ...reply.headers, 'content-type': 'text/plain' };
        }
        return reply;
      }

      if (scenario.type === 'malformed-event') {
        if (!stream)
          return {
            status: 200,
            headers: { ...headers, 'content-type': 'application/json' },
            body: scenario.payload ?? '{"id": "msg_',
          };
        const events = [
          messageStart(),
          {
            event: 'content_block_start',
            data: '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}',
          },
        ];
        if (scenario.text) {
          events.push({
            event: 'content_block_delta',
            data: JSON.stringify({
              type: 'content_block_delta',
              index: 0,
              delta: { type: 'text_delta', text: scenario.text },
            }),
          });
        }
        events.push({
          event: 'content_block_delta',
          data: scenario.payload ?? '{"type": "content_block_delta", "index": 0, "delta": {"truncated": ',
        });
        return sseReply(events, { headers });
      }

      // Answers: build the content blocks once, render as JSON or as events.
      const usage =
        scenario.type === 'cut-stream'
          ? scenarioUsage({ text: scenario.text })
          : scenarioUsage(scenario as { usage?: WireUsage; text?: string });
      const content: Record<string, unknown>[] = [];
      const events: { event: string; data: string }[] = [messageStart()];
      const emit = (event: string, payload: Record<string, unknown>) =>
        events.push({ event, data: JSON.stringify({ type: event, ...payload }) });
      let pinged = false;
      const addText = (text: string, chunks: string[]) => {
        const index = content.length;
        content.push({ type: 'text', text });
        emit('content_block_start', { index, content_block: { type: 'text', text: '' } });
        if (!pinged) {
          pinged = true;
          emit('ping', {});
        }
        for (const piece of chunks)
          emit('content_block_delta', { index, delta: { type: 'text_delta', text: piece } });
        emit('content_block_stop', { index });
      };
      let stopReason: string;
      if (scenario.type === 'text' || scenario.type === 'cut-stream') {
        if (scenario.type === 'text' && scenario.reasoning) {
          const index = content.length;
          const signature = Buffer.from(`sig:${scenario.reasoning.length}:${index}`).toString('base64');
          content.push({ type: 'thinking', thinking: scenario.reasoning, signature });
          emit('content_block_start', {
            index,
            content_block: { type: 'thinking', thinking: '', signature: '' },
          });
          for (const piece of splitText(scenario.reasoning)) {
            emit('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: piece } });
          }
          emit('content_block_delta', { index, delta: { type: 'signature_delta', signature } });
          emit('content_block_stop', { index });
        }
        addText(scenario.text, (scenario.type === 'text' && scenario.textChunks) || splitText(scenario.text));
        stopReason = scenario.type === 'text' ? stopReasons[scenario.finishReason ?? 'stop'] : 'end_turn';
      } else if (scenario.type === 'tool-calls') {
        if (scenario.text) addText(scenario.text, scenario.textChunks ?? splitText(scenario.text));
        for (const call of scenario.toolCalls) {
          const index = content.length;
          const id = call.id ?? ids.make('toolu_');
          const json = argumentsText(call);
          let input: unknown;
          try {
            input = JSON.parse(json);
          } catch {
            input = {};
          }
          content.push({ type: 'tool_use', id, name: call.name, input });
          emit('content_block_start', {
            index,
            content_block: { type: 'tool_use', id, name: call.name, input: {} },
          });
          emit('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: '' } });
          for (const fragment of splitFragments(json, scenario.argumentsChunkSize ?? 8)) {
            emit('content_block_delta', {
              index,
              delta: { type: 'input_json_delta', partial_json: fragment },
            });
          }
          emit('content_block_stop', { index });
        }
        stopReason = 'tool_use';
      } else {
        throw new Error(`anthropic wire server: unsupported scenario ${scenario.type}`);
      }
      const full = anthropicUsage(usage);
      const message = {
        id: ids.make('msg_'),
        type: 'message',
        role: 'assistant',
        model,
        content,
        stop_reason: stopReason,
        stop_sequence: null,
        usage: full,
      };
      if (!stream) {
        if (scenario.type === 'cut-stream') {
          const whole = JSON.stringify(message);
          return {
            status: 200,
            headers: { ...headers, 'content-type': 'application/json' },
            body: whole.slice(0, whole.length >> 1),
            cut: true,
          };
        }
        return jsonReply(200, message, headers);
      }
      // message_start carries the input side; message_delta the cumulative output tokens.
      events[0] = {
        event: 'message_start',
        data: JSON.stringify({
          type: 'message_start',
          message: { ...message, content: [], stop_reason: null, usage: { ...full, output_tokens: 1 } },
        }),
      };
      emit('message_delta', {
        delta: { stop_reason: stopReason, stop_sequence: null },
        usage: { output_tokens: full.output_tokens },
      });
      emit('message_stop', {});
      const reply = sseReply(events, {
        headers,
        ...('chunkDelayMs' in scenario && scenario.chunkDelayMs
          ? { chunkDelayMs: scenario.chunkDelayMs }
          : {}),
      });
      if (scenario.type === 'cut-stream')
        return { ...reply, chunks: reply.chunks!.slice(0, scenario.afterChunks ?? 2), cut: true };
      return reply;
    },
  };
}

/**
 * A local server speaking Anthropic's Messages API (JSON and SSE), with scripted scenarios
 * and request recording. Point the adapter at `${server.url}/v1`.
 */
export function startAnthropicWireServer(options: AnthropicWireServerOptions = {}): Promise<WireServer> {
  return startWireServer({
    routes: [anthropicMessagesRoute(options)],
    ...(options.scenarios ? { scenarios: options.scenarios } : {}),
    ...(options.respond ? { respond: options.respond } : {}),
  });
}
