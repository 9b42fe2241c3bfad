import { jsonReply, sseReply, type WireReply } from './wire-reply.js';
import {
  argumentsText,
  scenarioUsage,
  splitFragments,
  splitText,
  type WireScenario,
  type WireToolCall,
  type WireUsage,
} from './wire-scenario.js';
import { startWireServer, type WireRequest, type WireRoute, type WireServer } from './wire-server.js';

/** Options for `startOpenAIWireServer` (and the OpenAI-compatible routes of other servers). */
export interface OpenAIWireServerOptions {
  /** Scenarios answered in order. */
  scenarios?: WireScenario[];
  /** Answers once the queue is empty. */
  respond?: (request: WireRequest) => WireScenario | undefined;
  /** Rate-limit headers sent on every response (default: a healthy quota); `null` sends none. */
  rateLimitHeaders?: Record<string, string> | null;
}

const defaultRateLimitHeaders: Record<string, string> = {
  'x-ratelimit-limit-requests': '10000',
  'x-ratelimit-limit-tokens': '30000000',
  'x-ratelimit-remaining-requests': '9999',
  'x-ratelimit-remaining-tokens': '29999000',
  'x-ratelimit-reset-requests': '6ms',
  'x-ratelimit-reset-tokens': '2ms',
};

/** Deterministic OpenAI-looking ids. */
class IdMaker {
  private next = 0;
  make(prefix: string): string {
    this.next++;
    return `${prefix}${this.next.toString(16).padStart(24, '0')}`;
  }
}

function baseHeaders(ids: IdMaker, rateLimit: Record<string, string> | null): Record<string, string> {
  return {
    'x-request-id': ids.make('req_'),
    'openai-version': '2020-10-01',
    'openai-processing-ms': '42',
    ...(rateLimit ?? {}),
  };
}

/** The documented OpenAI error body. @see https://platform.openai.com/docs/guides/error-codes */
export function openaiErrorBody(
  message: string,
  type: string,
  code: string | null,
  param: string | null = null,
) {
  return { error: { message, type, param, code } };
}

const defaultErrors: Record<number, { message: string; type: string; code: string | null }> = {
  400: { message: 'Invalid request.', type: 'invalid_request_error', code: null },
  401: {
    message:
      'Incorrect API key provided: sk-test. You can find your API key at https://platform.openai.com/account/api-keys.',
    type: 'invalid_request_error',
    code: 'invalid_api_key',
  },
  403: {
    message: 'You are not allowed to sample from this model',
    type: 'invalid_request_error',
    code: null,
  },
  404: {
    message: 'The model `gpt-unknown` does not exist or you do not have access to it.',
    type: 'invalid_request_error',
    code: 'model_not_found',
  },
  429: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' },
  500: {
    message: 'The server had an error while processing your request. Sorry about that!',
    type: 'server_error',
    code: null,
  },
  503: {
    message: 'The engine is currently overloaded, please try again later.',
    type: 'server_error',
    code: null,
  },
};

/** Renders the fault scenarios shared by both OpenAI APIs; `undefined` for answer scenarios. */
function faultReply(scenario: WireScenario, headers: Record<string, string>): WireReply | undefined {
  switch (scenario.type) {
    case 'error': {
      const fallback = defaultErrors[scenario.status] ?? {
        message: `Request failed with status ${scenario.status}.`,
        type: scenario.status >= 500 ? 'server_error' : 'invalid_request_error',
        code: null,
      };
      const body =
        scenario.body ??
        openaiErrorBody(
          scenario.message ?? fallback.message,
          scenario.errorType ?? fallback.type,
          scenario.code ?? fallback.code,
        );
      const reply = jsonReply(scenario.status, body, { ...headers, ...scenario.headers });
      if (typeof scenario.body === 'string') {
        reply.body = scenario.body;
        reply.headers = { ...reply.headers, 'content-type': 'text/plain' };
      }
      return reply;
    }
    case 'rate-limit': {
      const extra: Record<string, string> = { 'x-ratelimit-remaining-requests': '0' };
      if (scenario.retryAfterSeconds !== undefined) extra['retry-after'] = String(scenario.retryAfterSeconds);
      if (scenario.retryAfterMs !== undefined) extra['retry-after-ms'] = String(scenario.retryAfterMs);
      const fallback = defaultErrors[429]!;
      return jsonReply(
        scenario.status ?? 429,
        openaiErrorBody(scenario.message ?? fallback.message, fallback.type, fallback.code),
        { ...headers, ...extra },
      );
    }
    case 'server-error': {
      const status = scenario.status ?? 500;
      const fallback = defaultErrors[status] ?? defaultErrors[500]!;
      return jsonReply(
        status,
        openaiErrorBody(scenario.message ?? fallback.message, fallback.type, fallback.code),
        {
          ...headers,
          ...scenario.headers,
        },
      );
    }
    default:
      return undefined;
  }
}

function chatUsage(usage: WireUsage) {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens ?? 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens ?? 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

const chatFinish = { stop: 'stop', length: 'length', 'content-filter': 'content_filter' } as const;

function requestObject(request: WireRequest): Record<string, unknown> {
  return typeof request.body === 'object' && request.body !== null
    ? (request.body as Record<string, unknown>)
    : {};
}

function callIds(calls: WireToolCall[], ids: IdMaker, prefix: string): string[] {
  return calls.map((call) => call.id ?? ids.make(prefix));
}

/** Chat Completions: `POST /v1/chat/completions`. @see https://platform.openai.com/docs/api-reference/chat */
export function openaiChatCompletionsRoute(
  options: OpenAIWireServerOptions = {},
  path = '/v1/chat/completions',
): WireRoute {
  const ids = new IdMaker();
  const rateLimit =
    options.rateLimitHeaders === undefined ? defaultRateLimitHeaders : options.rateLimitHeaders;
  return {
    path,
    reply(request, scenario) {
      const headers = baseHeaders(ids, rateLimit);
      const fault = faultReply(scenario, headers);
      if (fault) return fault;
      const body = requestObject(request);
      const model = typeof body.model === 'string' ? body.model : 'gpt-4o-mini';
      const id = ids.make('chatcmpl-');
      const created = Math.floor(Date.now() / 1000);
      const stream = body.stream === true;
      const includeUsage =
        (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
      const fingerprint = 'fp_b2a1c2d3e4';

      if (!stream) {
        if (scenario.type === 'malformed-event') {
          return {
            status: 200,
            headers: { ...headers, 'content-type': 'application/json' },
            body: scenario.payload ?? '{"id": "chatcmpl-',
          };
        }
        if (scenario.type === 'cut-stream') {
          const whole = JSON.stringify({
            id,
            object: 'chat.completion',
            created,
            model,
            choices: [{ index: 0, message: { role: 'assistant', content: scenario.text } }],
          });
          return {
            status: 200,
            headers: { ...headers, 'content-type': 'application/json' },
            body: whole.slice(0, Math.floor(whole.length / 2)),
            cut: true,
          };
        }
        if (scenario.type !== 'text' && scenario.type !== 'tool-calls')
          throw new Error(`unsupported scenario ${scenario.type}`);
        const usage = scenarioUsage(scenario);
        const message: Record<string, unknown> = {
          role: 'assistant',
          content: scenario.text ?? null,
          refusal: null,
          annotations: [],
        };
        let finish: string = 'tool_calls';
        if (scenario.type === 'tool-calls') {
          const callId = callIds(scenario.toolCalls, ids, 'call_');
          message.tool_calls = scenario.toolCalls.map((call, index) => ({
            id: callId[index],
            type: 'function',
            function: { name: call.name, arguments: argumentsText(call) },
          }));
        } else finish = chatFinish[scenario.finishReason ?? 'stop'];
        return jsonReply(
          200,
          {
            id,
            object: 'chat.completion',
            created,
            model,
            choices: [{ index: 0, message, logprobs: null, finish_reason: finish }],
            usage: chatUsage(usage),
            service_tier: 'default',
            system_fingerprint: fingerprint,
          },
          headers,
        );
      }

      const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) =>
        JSON.stringify({
          id,
          object: 'chat.completion.chunk',
          created,
          model,
          service_tier: 'default',
          system_fingerprint: fingerprint,
          choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
          ...(includeUsage ? { usage: null } : {}),
        });
      const events: { data: string }[] = [{ data: chunk({ role: 'assistant', content: '', refusal: null }) }];
      const sse = (extra: Partial<WireReply> = {}): WireReply => ({
        ...sseReply(events, { headers }),
        ...('chunkDelayMs' in scenario && scenario.chunkDelayMs
          ? { chunkDelayMs: scenario.chunkDelayMs }
          : {}),
        ...extra,
      });

      if (scenario.type === 'malformed-event') {
        if (scenario.text) events.push({ data: chunk({ content: scenario.text }) });
        events.push({
          data: scenario.payload ?? '{"id":"chatcmpl-broken","choices":[{"index":0,"delta":{"content":',
        });
        events.push({ data: '[DONE]' });
        return sse();
      }
      if (scenario.type === 'cut-stream') {
        for (const piece of splitText(scenario.text)) events.push({ data: chunk({ content: piece }) });
        return sse({ chunks: sse().chunks!.slice(0, 1 + (scenario.afterChunks ?? 2)), cut: true });
      }
      if (scenario.type !== 'text' && scenario.type !== 'tool-calls')
        throw new Error(`unsupported scenario ${scenario.type}`);
      if (scenario.text) {
        for (const piece of scenario.textChunks ?? splitText(scenario.text))
          events.push({ data: chunk({ content: piece }) });
      }
      let finish: string;
      if (scenario.type === 'tool-calls') {
        const callId = callIds(scenario.toolCalls, ids, 'call_');
        scenario.toolCalls.forEach((call, index) => {
          events.push({
            data: chunk({
              tool_calls: [
                { index, id: callId[index], type: 'function', function: { name: call.name, arguments: '' } },
              ],
            }),
          });
          for (const fragment of splitFragments(argumentsText(call), scenario.argumentsChunkSize ?? 8)) {
            events.push({ data: chunk({ tool_calls: [{ index, function: { arguments: fragment } }] }) });
          }
        });
        finish = 'tool_calls';
      } else finish = chatFinish[scenario.finishReason ?? 'stop'];
      events.push({ data: chunk({}, finish) });
      if (includeUsage) {
        events.push({
          data: JSON.stringify({
            id,
            object: 'chat.completion.chunk',
            created,
            model,
            service_tier: 'default',
            system_fingerprint: fingerprint,
            choices: [],
            usage: chatUsage(scenarioUsage(scenario)),
          }),
        });
      }
      events.push({ data: '[DONE]' });
      return sse();
    },
  };
}

function responsesUsage(usage: WireUsage) {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: usage.cachedInputTokens ?? 0 },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

/** Responses API: `POST /v1/responses`. @see https://platform.openai.com/docs/api-reference/responses */
export function openaiResponsesRoute(
  options: OpenAIWireServerOptions = {},
  path = '/v1/responses',
): WireRoute {
  const ids = new IdMaker();
  const rateLimit =
    options.rateLimitHeaders === undefined ? defaultRateLimitHeaders : options.rateLimitHeaders;
  return {
    path,
    reply(request, scenario) {
      const headers = baseHeaders(ids, rateLimit);
      const fault = faultReply(scenario, headers);
      if (fault) return fault;
      const body = requestObject(request);
      const model = typeof body.model === 'string' ? body.model : 'gpt-4o-mini';
      const id = ids.make('resp_');
      const createdAt = Math.floor(Date.now() / 1000);
      const stream = body.stream === true;

      const envelope = (
        status: string,
        output: unknown[],
        usage: WireUsage | null,
        incomplete: string | null,
      ) => ({
        id,
        object: 'response',
        created_at: createdAt,
        status,
        background: false,
        error: null,
        incomplete_details: incomplete ? { reason: incomplete } : null,
        instructions: body.instructions ?? null,
        max_output_tokens: body.max_output_tokens ?? null,
        model,
        output,
        parallel_tool_calls: body.parallel_tool_calls ?? true,
        previous_response_id: body.previous_response_id ?? null,
        reasoning: { effort: null, summary: null },
        service_tier: 'default',
        store: body.store ?? true,
        temperature: body.temperature ?? 1,
        text: body.text ?? { format: { type: 'text' } },
        tool_choice: body.tool_choice ?? 'auto',
        tools: body.tools ?? [],
        top_p: body.top_p ?? 1,
        truncation: 'disabled',
        usage: usage ? responsesUsage(usage) : null,
        user: null,
        metadata: {},
      });

      if (scenario.type === 'malformed-event' && !stream) {
        return {
          status: 200,
          headers: { ...headers, 'content-type': 'application/json' },
          body: scenario.payload ?? '{"id": "resp_',
        };
      }
      if (scenario.type === 'cut-stream' && !stream) {
        const whole = JSON.stringify(envelope('completed', [], null, null));
        return {
          status: 200,
          headers: { ...headers, 'content-type': 'application/json' },
          body: whole.slice(0, Math.floor(whole.length / 2)),
          cut: true,
        };
      }

      // Build the output items, and the stream events that produce them.
      let sequence = 0;
      const events: { event: string; data: string }[] = [];
      const emit = (type: string, payload: Record<string, unknown>) => {
        events.push({ event: type, data: JSON.stringify({ type, sequence_number: sequence++, ...payload }) });
      };
      const output: Record<string, unknown>[] = [];
      emit('response.created', { response: envelope('in_progress', [], null, null) });
      emit('response.in_progress', { response: envelope('in_progress', [], null, null) });

      const addMessage = (text: string, chunks: string[]) => {
        const itemId = ids.make('msg_');
        const outputIndex = output.length;
        const done = {
          id: itemId,
          type: 'message',
          status: 'completed',
          content: [{ type: 'output_text', annotations: [], logprobs: [], text }],
          role: 'assistant',
        };
        output.push(done);
        emit('response.output_item.added', {
          output_index: outputIndex,
          item: { id: itemId, type: 'message', status: 'in_progress', content: [], role: 'assistant' },
        });
        emit('response.content_part.added', {
          item_id: itemId,
          output_index: outputIndex,
          content_index: 0,
          part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
        });
        for (const delta of chunks) {
          emit('response.output_text.delta', {
            item_id: itemId,
            output_index: outputIndex,
            content_index: 0,
            delta,
            logprobs: [],
          });
        }
        emit('response.output_text.done', {
          item_id: itemId,
          output_index: outputIndex,
          content_index: 0,
          text,
          logprobs: [],
        });
        emit('response.content_part.done', {
          item_id: itemId,
          output_index: outputIndex,
          content_index: 0,
          part: done.content[0],
        });
        emit('response.output_item.done', { output_index: outputIndex, item: done });
      };

      if (scenario.type === 'malformed-event' || scenario.type === 'cut-stream') {
        const text = scenario.text ?? 'Hello';
        addMessage(text, splitText(text));
        if (scenario.type === 'malformed-event') {
          const firstDelta = events.findIndex((e) => e.event === 'response.output_text.delta');
          const kept = events.slice(0, firstDelta + 1);
          kept.push({
            event: 'response.output_text.delta',
            data: scenario.payload ?? '{"type":"response.output_text.delta","delta":',
          });
          return sseReply(kept, { headers });
        }
        const reply = sseReply(events, { headers });
        const firstDelta = events.findIndex((e) => e.event === 'response.output_text.delta');
        return {
          ...reply,
          chunks: reply.chunks!.slice(0, firstDelta + (scenario.afterChunks ?? 2)),
          cut: true,
          ...(scenario.chunkDelayMs ? { chunkDelayMs: scenario.chunkDelayMs } : {}),
        };
      }
      if (scenario.type !== 'text' && scenario.type !== 'tool-calls')
        throw new Error(`unsupported scenario ${scenario.type}`);

      if (scenario.type === 'text' && scenario.reasoning) {
        const itemId = ids.make('rs_');
        const outputIndex = output.length;
        const summary = [{ type: 'summary_text', text: scenario.reasoning }];
        output.push({ id: itemId, type: 'reasoning', summary });
        emit('response.output_item.added', {
          output_index: outputIndex,
          item: { id: itemId, type: 'reasoning', summary: [] },
        });
        emit('response.reasoning_summary_part.added', {
          item_id: itemId,
          output_index: outputIndex,
          summary_index: 0,
          part: { type: 'summary_text', text: '' },
        });
        for (const delta of splitText(scenario.reasoning)) {
          emit('response.reasoning_summary_text.delta', {
            item_id: itemId,
            output_index: outputIndex,
            summary_index: 0,
            delta,
          });
        }
        emit('response.reasoning_summary_text.done', {
          item_id: itemId,
          output_index: outputIndex,
          summary_index: 0,
          text: scenario.reasoning,
        });
        emit('response.reasoning_summary_part.done', {
          item_id: itemId,
          output_index: outputIndex,
          summary_index: 0,
          part: summary[0],
        });
        emit('response.output_item.done', {
          output_index: outputIndex,
          item: { id: itemId, type: 'reasoning', summary },
        });
      }
      if (scenario.text) addMessage(scenario.text, scenario.textChunks ?? splitText(scenario.text));
      if (scenario.type === 'tool-calls') {
        const callId = callIds(scenario.toolCalls, ids, 'call_');
        scenario.toolCalls.forEach((call, index) => {
          const itemId = ids.make('fc_');
          const outputIndex = output.length;
          const args = argumentsText(call);
          const done = {
            id: itemId,
            type: 'function_call',
            status: 'completed',
            arguments: args,
            call_id: callId[index],
            name: call.name,
          };
          output.push(done);
          emit('response.output_item.added', {
            output_index: outputIndex,
            item: { ...done, status: 'in_progress', arguments: '' },
          });
          for (const delta of splitFragments(args, scenario.argumentsChunkSize ?? 8)) {
            emit('response.function_call_arguments.delta', {
              item_id: itemId,
              output_index: outputIndex,
              delta,
            });
          }
          emit('response.function_call_arguments.done', {
            item_id: itemId,
            output_index: outputIndex,
            name: call.name,
            arguments: args,
          });
          emit('response.output_item.done', { output_index: outputIndex, item: done });
        });
      }
      const finishReason = scenario.type === 'text' ? (scenario.finishReason ?? 'stop') : 'stop';
      const incomplete =
        finishReason === 'length'
          ? 'max_output_tokens'
          : finishReason === 'content-filter'
            ? 'content_filter'
            : null;
      const final = envelope(
        incomplete ? 'incomplete' : 'completed',
        output,
        scenarioUsage(scenario),
        incomplete,
      );
      if (!stream) return jsonReply(200, final, headers);
      emit(incomplete ? 'response.incomplete' : 'response.completed', { response: final });
      return {
        ...sseReply(events, { headers }),
        ...(scenario.chunkDelayMs ? { chunkDelayMs: scenario.chunkDelayMs } : {}),
      };
    },
  };
}

/**
 * A local server speaking OpenAI's Chat Completions (`/v1/chat/completions`) and Responses
 * (`/v1/responses`) wire formats, JSON and SSE, with scripted scenarios and request recording.
 * Point an adapter at `server.url + '/v1'`.
 */
export function startOpenAIWireServer(options: OpenAIWireServerOptions = {}): Promise<WireServer> {
  return startWireServer({
    routes: [openaiChatCompletionsRoute(options), openaiResponsesRoute(options)],
    ...(options.scenarios ? { scenarios: options.scenarios } : {}),
    ...(options.respond ? { respond: options.respond } : {}),
  });
}
