import {
  BatonError,
  CancelledError,
  type FinishReason,
  type ModelAdapterV1,
  type ModelCallOptions,
  type ModelContentPart,
  type ModelRequest,
  type ModelResult,
  type ModelStreamPart,
  ProviderUnavailableError,
  type RateLimitInfo,
  ValidationError,
} from '@baton/core/contracts';
import {
  type FetchFunction,
  type HttpResponse,
  type HttpTimeouts,
  parseSse,
  postJson,
  safeParseJson,
} from '@baton/provider-utils';
import { anthropicErrorFromResponse, anthropicErrorFromStreamEvent } from './anthropic-error.js';
import {
  type AnthropicCacheControl,
  type AnthropicMessagesRequestBody,
  AnthropicMessagesResponseSchema,
  AnthropicStreamEventSchemas,
  type AnthropicUsage,
} from './anthropic-messages-api.js';
import { parseAnthropicMessagesOptions } from './anthropic-messages-options.js';
import { prepareAnthropicTools } from './anthropic-prepare-tools.js';
import { convertAnthropicUsage } from './convert-anthropic-usage.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';
import { parseAnthropicRateLimit } from './parse-anthropic-rate-limit.js';

/** `max_tokens` is required by the API; this is sent when the request sets no `maxOutputTokens`. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

/** The name of the tool forced for structured output in `jsonTool` mode. */
export const ANTHROPIC_JSON_TOOL_NAME = 'json';

/** What a Messages model needs from its provider. */
export interface AnthropicMessagesConfig {
  /** e.g. `https://api.anthropic.com/v1`, no trailing slash. */
  baseURL: string;
  /** Resolves the key lazily, so a missing key fails the call, not the factory. */
  apiKey: () => string;
  headers?: Record<string, string> | undefined;
  fetch?: FetchFunction | undefined;
  timeouts?: HttpTimeouts | undefined;
}

interface PreparedCall {
  body: AnthropicMessagesRequestBody;
  headers: Record<string, string>;
  jsonTool: boolean;
}

/**
 * Anthropic's Messages API as a Baton `ModelAdapter`: `POST {baseURL}/messages`, streamed
 * over server-sent events.
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
export class AnthropicMessagesLanguageModel implements ModelAdapterV1 {
  readonly specificationVersion = 'v1' as const;
  readonly provider = 'anthropic';
  readonly modelId: string;
  private readonly config: AnthropicMessagesConfig;

  constructor(modelId: string, config: AnthropicMessagesConfig) {
    this.modelId = modelId;
    this.config = config;
  }

  private prepare(request: ModelRequest, stream: boolean): PreparedCall {
    const options = parseAnthropicMessagesOptions(request.providerOptions?.anthropic);
    const cache = resolveCache(options.cacheControl);
    const { system, messages } = convertToAnthropicMessages(request.messages, cache);

    const format = request.responseFormat;
    const jsonTool =
      format?.type === 'json' && (options.structuredOutputMode === 'jsonTool' || format.schema === undefined);
    let { tools, toolChoice } = prepareAnthropicTools(request.tools, request.toolChoice, {
      cacheControl: cache.tools,
      disableParallelToolUse: options.disableParallelToolUse,
    });
    if (jsonTool && format?.type === 'json') {
      tools = [
        ...(tools ?? []),
        {
          name: ANTHROPIC_JSON_TOOL_NAME,
          description: format.description ?? 'Respond with a JSON object.',
          input_schema: format.schema ?? { type: 'object' },
        },
      ];
      toolChoice = { type: 'tool', name: ANTHROPIC_JSON_TOOL_NAME };
    }

    const thinkingBudget = options.thinking?.type === 'enabled' ? options.thinking.budgetTokens : undefined;
    // max_tokens bounds thinking and answer together. A request's maxOutputTokens is a hard
    // bound (the budget ledger reserved it), so the thinking budget must fit inside it; without
    // one, the default leaves room for the answer after the thinking budget.
    if (
      thinkingBudget !== undefined &&
      request.maxOutputTokens !== undefined &&
      thinkingBudget >= request.maxOutputTokens
    ) {
      throw new ValidationError(
        `providerOptions.anthropic.thinking.budgetTokens (${thinkingBudget}) must be less than maxOutputTokens (${request.maxOutputTokens})`,
        [
          {
            path: ['providerOptions', 'anthropic', 'thinking', 'budgetTokens'],
            message: 'must be less than maxOutputTokens',
          },
        ],
      );
    }
    const body: AnthropicMessagesRequestBody = {
      model: this.modelId,
      max_tokens: request.maxOutputTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS + (thinkingBudget ?? 0),
      messages,
    };
    if (system !== undefined) body.system = system;
    if (request.temperature !== undefined) body.temperature = request.temperature;
    if (request.topP !== undefined) body.top_p = request.topP;
    if (options.topK !== undefined) body.top_k = options.topK;
    if (request.stopSequences && request.stopSequences.length > 0)
      body.stop_sequences = request.stopSequences;
    if (tools) body.tools = tools;
    if (toolChoice) body.tool_choice = toolChoice;
    if (options.thinking) {
      body.thinking =
        options.thinking.type === 'enabled'
          ? { type: 'enabled', budget_tokens: options.thinking.budgetTokens }
          : { type: 'disabled' };
    }
    if (format?.type === 'json' && !jsonTool && format.schema) {
      body.output_config = { format: { type: 'json_schema', schema: format.schema } };
    }
    if (options.userId !== undefined) body.metadata = { user_id: options.userId };
    if (stream) body.stream = true;

    const headers: Record<string, string> = {
      'x-api-key': this.config.apiKey(),
      'anthropic-version': '2023-06-01',
      'content-type': 'application/json',
      ...(stream ? { accept: 'text/event-stream' } : { accept: 'application/json' }),
      ...(options.betas && options.betas.length > 0 ? { 'anthropic-beta': options.betas.join(',') } : {}),
      ...this.config.headers,
      ...request.headers,
    };
    return { body, headers, jsonTool };
  }

  private async post(call: PreparedCall, signal: AbortSignal | undefined): Promise<HttpResponse> {
    const response = await postJson({
      url: `${this.config.baseURL}/messages`,
      headers: call.headers,
      body: call.body,
      signal,
      timeouts: this.config.timeouts,
      fetch: this.config.fetch,
      provider: 'anthropic',
    });
    if (response.status >= 200 && response.status < 300) return response;
    const text = await response.text();
    const parsed = safeParseJson(text);
    throw anthropicErrorFromResponse({
      status: response.status,
      headers: response.headers,
      body: parsed.success ? parsed.value : text,
    });
  }

  async generate(request: ModelRequest, options: ModelCallOptions = {}): Promise<ModelResult> {
    const call = this.prepare(request, false);
    const response = await this.post(call, options.signal);
    const json = await response.json();
    const parsed = AnthropicMessagesResponseSchema.safeParse(json);
    if (!parsed.success) {
      throw new ProviderUnavailableError(
        `anthropic: unexpected response shape: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
        {
          provider: 'anthropic',
          status: response.status,
          body: json,
          headers: response.headers,
          retryable: false,
        },
      );
    }
    const message = parsed.data;
    const content: ModelContentPart[] = [];
    for (const block of message.content) {
      switch (block.type) {
        case 'text':
          content.push({ type: 'text', text: (block as { text: string }).text });
          break;
        case 'thinking': {
          const thinking = block as { thinking: string; signature?: string | null };
          content.push({
            type: 'reasoning',
            text: thinking.thinking,
            ...(thinking.signature ? { signature: thinking.signature } : {}),
          });
          break;
        }
        case 'tool_use': {
          const tool = block as { id: string; name: string; input: unknown };
          if (call.jsonTool && tool.name === ANTHROPIC_JSON_TOOL_NAME) {
            content.push({ type: 'text', text: JSON.stringify(tool.input) });
          } else {
            content.push({
              type: 'tool-call',
              toolCallId: tool.id,
              toolName: tool.name,
              input: tool.input ?? {},
            });
          }
          break;
        }
        case 'redacted_thinking':
          // Encrypted thinking: no text, and the payload must be replayed verbatim.
          content.push({ type: 'reasoning', text: '', signature: (block as { data: string }).data });
          break;
        default:
          break; // server tool blocks: nothing Baton can show
      }
    }
    const result: ModelResult = {
      content,
      finishReason: mapAnthropicStopReason(message.stop_reason, call.jsonTool),
      usage: convertAnthropicUsage(message.usage ?? {}),
    };
    if (message.id) result.responseId = message.id;
    if (message.model) result.modelId = message.model;
    const rateLimit = parseAnthropicRateLimit(response.headers);
    if (rateLimit) result.rateLimit = rateLimit;
    result.providerMetadata = { anthropic: metadata(response.headers, message.stop_sequence, message.usage) };
    return result;
  }

  async *stream(request: ModelRequest, options: ModelCallOptions = {}): AsyncGenerator<ModelStreamPart> {
    const call = this.prepare(request, true);
    const response = await this.post(call, options.signal);
    const headers = response.headers;

    let responseId: string | undefined;
    let modelId: string | undefined;
    let usage: AnthropicUsage = {};
    let stopReason: string | null | undefined;
    let stopSequence: string | null | undefined;
    // Open content blocks by index: tool calls accumulate their JSON text.
    const blocks = new Map<
      number,
      { kind: 'text' | 'thinking' | 'tool' | 'other'; id?: string; name?: string; json?: string }
    >();

    const malformed = (data: string): ModelStreamPart => ({
      type: 'error',
      error: new ProviderUnavailableError(`anthropic: malformed stream event: ${data.slice(0, 200)}`, {
        provider: 'anthropic',
        status: response.status,
        headers,
        body: data,
      }),
    });
    const S = AnthropicStreamEventSchemas;

    try {
      for await (const sse of parseSse(response.body)) {
        const json = safeParseJson(sse.data);
        const value = json.success ? json.value : undefined;
        const type =
          typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
        if (typeof type !== 'string') {
          yield malformed(sse.data);
          return;
        }
        switch (type) {
          case 'message_start': {
            const event = S.message_start.safeParse(value);
            if (!event.success) return yield malformed(sse.data);
            const message = event.data.message;
            responseId = message.id ?? undefined;
            modelId = message.model ?? undefined;
            if (message.usage) usage = { ...message.usage };
            break;
          }
          case 'content_block_start': {
            const event = S.content_block_start.safeParse(value);
            if (!event.success) return yield malformed(sse.data);
            const { index } = event.data;
            const block = event.data.content_block as {
              type: string;
              id?: string;
              name?: string;
              text?: string;
              thinking?: string;
              data?: string;
            };
            if (block.type === 'text') {
              blocks.set(index, { kind: 'text' });
              if (block.text) yield { type: 'text-delta', delta: block.text };
            } else if (block.type === 'thinking') {
              blocks.set(index, { kind: 'thinking' });
              if (block.thinking) yield { type: 'reasoning-delta', delta: block.thinking };
            } else if (block.type === 'tool_use') {
              blocks.set(index, { kind: 'tool', id: block.id ?? '', name: block.name ?? '', json: '' });
            } else if (block.type === 'redacted_thinking' && block.data) {
              blocks.set(index, { kind: 'other' });
              yield { type: 'reasoning-delta', delta: '', signature: block.data };
            } else {
              blocks.set(index, { kind: 'other' });
            }
            break;
          }
          case 'content_block_delta': {
            const event = S.content_block_delta.safeParse(value);
            if (!event.success) return yield malformed(sse.data);
            const { index } = event.data;
            const delta = event.data.delta as {
              type: string;
              text?: string;
              partial_json?: string;
              thinking?: string;
              signature?: string;
            };
            const block = blocks.get(index);
            if (delta.type === 'text_delta' && delta.text) {
              yield { type: 'text-delta', delta: delta.text };
            } else if (delta.type === 'thinking_delta' && delta.thinking) {
              yield { type: 'reasoning-delta', delta: delta.thinking };
            } else if (delta.type === 'signature_delta' && delta.signature) {
              yield { type: 'reasoning-delta', delta: '', signature: delta.signature };
            } else if (delta.type === 'input_json_delta' && block?.kind === 'tool' && delta.partial_json) {
              block.json += delta.partial_json;
              if (call.jsonTool && block.name === ANTHROPIC_JSON_TOOL_NAME) {
                yield { type: 'text-delta', delta: delta.partial_json };
              } else {
                yield {
                  type: 'tool-call-delta',
                  toolCallId: block.id!,
                  toolName: block.name!,
                  argumentsDelta: delta.partial_json,
                };
              }
            }
            break;
          }
          case 'content_block_stop': {
            const event = S.content_block_stop.safeParse(value);
            if (!event.success) return yield malformed(sse.data);
            const block = blocks.get(event.data.index);
            blocks.delete(event.data.index);
            if (block?.kind === 'tool' && !(call.jsonTool && block.name === ANTHROPIC_JSON_TOOL_NAME)) {
              yield {
                type: 'tool-call',
                toolCallId: block.id!,
                toolName: block.name!,
                input: parseToolInput(block.json),
              };
            }
            break;
          }
          case 'message_delta': {
            const event = S.message_delta.safeParse(value);
            if (!event.success) return yield malformed(sse.data);
            stopReason = event.data.delta.stop_reason ?? stopReason;
            stopSequence = event.data.delta.stop_sequence ?? stopSequence;
            // message_delta usage is cumulative: take every counter it carries.
            const counters = event.data.usage as Record<string, unknown> | null | undefined;
            if (counters) {
              for (const key in counters) {
                if (counters[key] != null) (usage as Record<string, unknown>)[key] = counters[key];
              }
            }
            break;
          }
          case 'message_stop':
            yield finishPart(stopReason, call.jsonTool, usage, responseId, modelId, headers, stopSequence);
            return;
          case 'error': {
            const event = S.error.safeParse(value);
            if (!event.success) return yield malformed(sse.data);
            yield { type: 'error', error: anthropicErrorFromStreamEvent(event.data, headers) };
            return;
          }
          default:
            break; // ping and event types added later
        }
      }
    } catch (error) {
      if (CancelledError.isInstance(error) || options.signal?.aborted) throw error;
      yield {
        type: 'error',
        error: BatonError.isInstance(error)
          ? error
          : new ProviderUnavailableError(`anthropic: stream failed: ${String(error)}`, {
              provider: 'anthropic',
              cause: error,
            }),
      };
      return;
    }
    yield {
      type: 'error',
      error: new ProviderUnavailableError('anthropic: stream ended before message_stop (connection cut)', {
        provider: 'anthropic',
        status: response.status,
        headers,
      }),
    };
  }
}

/** Streamed tool arguments → the input: `{}` when empty (a call without arguments), the raw text when unparseable. */
function parseToolInput(text: string | undefined): unknown {
  if (!text) return {};
  const parsed = safeParseJson(text);
  return parsed.success ? parsed.value : text;
}

function finishPart(
  stopReason: string | null | undefined,
  jsonTool: boolean,
  usage: AnthropicUsage,
  responseId: string | undefined,
  modelId: string | undefined,
  headers: Record<string, string>,
  stopSequence: string | null | undefined,
): ModelStreamPart {
  const finishReason: FinishReason = mapAnthropicStopReason(stopReason, jsonTool);
  const part: ModelStreamPart & { type: 'finish' } = {
    type: 'finish',
    finishReason,
    usage: convertAnthropicUsage(usage),
    providerMetadata: { anthropic: metadata(headers, stopSequence, usage) },
  };
  if (responseId) part.responseId = responseId;
  if (modelId) part.modelId = modelId;
  const rateLimit: RateLimitInfo | undefined = parseAnthropicRateLimit(headers);
  if (rateLimit) part.rateLimit = rateLimit;
  return part;
}

function metadata(
  headers: Record<string, string>,
  stopSequence: string | null | undefined,
  usage: AnthropicUsage | null | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (headers['request-id']) out.requestId = headers['request-id'];
  if (stopSequence) out.stopSequence = stopSequence;
  if (usage?.cache_creation_input_tokens != null)
    out.cacheCreationInputTokens = usage.cache_creation_input_tokens;
  return out;
}

function resolveCache(
  option: boolean | { system?: boolean; tools?: boolean; messages?: boolean; ttl?: '5m' | '1h' } | undefined,
): {
  system?: AnthropicCacheControl;
  tools?: AnthropicCacheControl;
  messages?: AnthropicCacheControl;
} {
  if (!option) return {};
  const control: AnthropicCacheControl =
    typeof option === 'object' && option.ttl ? { type: 'ephemeral', ttl: option.ttl } : { type: 'ephemeral' };
  if (option === true) return { system: control, tools: control, messages: control };
  return {
    ...(option.system !== false ? { system: control } : {}),
    ...(option.tools !== false ? { tools: control } : {}),
    ...(option.messages !== false ? { messages: control } : {}),
  };
}
