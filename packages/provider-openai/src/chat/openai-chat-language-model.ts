import {
  CancelledError,
  type ModelAdapterV1,
  type ModelCallOptions,
  type ModelContentPart,
  type ModelRequest,
  type ModelResult,
  type ModelStreamPart,
  ProviderUnavailableError,
  type Usage,
} from '@baton/core/contracts';
import {
  mapTransportError,
  parseSse,
  parseWireResponse,
  postJson,
  rejectFirstErrorPart,
  safeParseJson,
} from '@baton/provider-utils';
import { isStrictJsonSchema } from '../is-strict-json-schema.js';
import type { OpenAIConfig } from '../openai-config.js';
import { openaiErrorFromResponse, openaiStreamError } from '../openai-error.js';
import { parseOpenAIRateLimitHeaders } from '../parse-openai-rate-limit-headers.js';
import { convertToOpenAIChatMessages } from './convert-to-openai-chat-messages.js';
import { mapOpenAIChatUsage } from './map-openai-chat-usage.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
import { openaiChatChunkSchema, openaiChatResponseSchema } from './openai-chat-api.js';
import { openaiChatOptionsSchema, parseProviderOptions } from './openai-chat-options.js';
import { prepareOpenAIChatTools } from './openai-chat-prepare-tools.js';

/** Settings of a Chat Completions model beyond where to call. */
export interface OpenAIChatConfig extends OpenAIConfig {
  /** Which field carries `maxOutputTokens` (OpenAI: `max_completion_tokens`; most compatible servers: `max_tokens`). */
  maxTokensField?: 'max_completion_tokens' | 'max_tokens';
  /** Whether the server supports `json_schema` response formats (else `json_object`). Default true. */
  structuredOutputs?: boolean;
  /** Send `stream_options: { include_usage: true }` (default true). */
  includeUsage?: boolean;
  /** Role for system messages (default `system`). */
  systemRole?: 'system' | 'developer';
}

/** Parses a tool call's JSON arguments; unparseable text is kept raw (the model's own mistake). */
export function parseToolArguments(text: string | null | undefined): unknown {
  if (text === undefined || text === null || text.trim() === '') return {};
  const parsed = safeParseJson(text);
  return parsed.success ? parsed.value : text;
}

/**
 * A Chat Completions model (`POST {baseURL}/chat/completions`), JSON and SSE.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export class OpenAIChatLanguageModel implements ModelAdapterV1 {
  readonly specificationVersion = 'v1';
  readonly modelId: string;
  private readonly config: OpenAIChatConfig;

  constructor(modelId: string, config: OpenAIChatConfig) {
    this.modelId = modelId;
    this.config = config;
  }

  get provider(): string {
    return this.config.provider;
  }

  /** The origin this model calls (`https://api.openai.com`); circuit breakers key on it. */
  get origin(): string {
    return new URL(this.config.baseURL).origin;
  }

  /** The exact request body for `request` (exposed for tests and debugging). */
  buildBody(request: ModelRequest, stream: boolean): Record<string, unknown> {
    const options = parseProviderOptions(
      openaiChatOptionsSchema,
      request.providerOptions?.[this.config.provider],
      `providerOptions.${this.config.provider}`,
    );
    const body: Record<string, unknown> = {
      model: this.modelId,
      messages: convertToOpenAIChatMessages(
        request.messages,
        this.config.systemRole ? { systemRole: this.config.systemRole } : {},
      ),
    };
    if (request.maxOutputTokens !== undefined) {
      body[this.config.maxTokensField ?? 'max_completion_tokens'] = request.maxOutputTokens;
    }
    if (request.temperature !== undefined) body.temperature = request.temperature;
    if (request.topP !== undefined) body.top_p = request.topP;
    if (request.stopSequences?.length) body.stop = request.stopSequences;
    const format = request.responseFormat;
    if (format?.type === 'json') {
      body.response_format =
        format.schema && this.config.structuredOutputs !== false
          ? {
              type: 'json_schema',
              json_schema: {
                name: format.name ?? 'response',
                ...(format.description !== undefined ? { description: format.description } : {}),
                schema: format.schema,
                strict: options.strictJsonSchema ?? isStrictJsonSchema(format.schema),
              },
            }
          : { type: 'json_object' };
    }
    Object.assign(
      body,
      prepareOpenAIChatTools(
        request.tools,
        request.toolChoice,
        options.strictTools !== undefined ? { strict: options.strictTools } : {},
      ),
    );
    if (options.parallelToolCalls !== undefined && request.tools?.length) {
      body.parallel_tool_calls = options.parallelToolCalls;
    }
    if (options.reasoningEffort !== undefined) body.reasoning_effort = options.reasoningEffort;
    if (options.user !== undefined) body.user = options.user;
    if (options.seed !== undefined) body.seed = options.seed;
    if (options.store !== undefined) body.store = options.store;
    if (options.serviceTier !== undefined) body.service_tier = options.serviceTier;
    if (options.promptCacheKey !== undefined) body.prompt_cache_key = options.promptCacheKey;
    if (options.metadata !== undefined) body.metadata = options.metadata;
    if (stream) {
      body.stream = true;
      if (this.config.includeUsage !== false) body.stream_options = { include_usage: true };
    }
    return body;
  }

  private async post(request: ModelRequest, stream: boolean, signal: AbortSignal | undefined) {
    if (signal?.aborted) throw mapTransportError(signal.reason, { provider: this.provider, signal });
    const headers = { ...this.config.headers(), ...request.headers };
    const response = await postJson({
      url: `${this.config.baseURL}/chat/completions`,
      headers,
      body: this.buildBody(request, stream),
      signal,
      timeouts: this.config.timeouts,
      fetch: this.config.fetch,
      provider: this.provider,
    });
    if (response.status < 200 || response.status >= 300) {
      throw await openaiErrorFromResponse(this.provider, response);
    }
    return response;
  }

  async generate(request: ModelRequest, options: ModelCallOptions = {}): Promise<ModelResult> {
    const response = await this.post(request, false, options.signal);
    const data = parseWireResponse(openaiChatResponseSchema, await response.json(), {
      provider: this.provider,
      what: 'chat completion',
      status: response.status,
      headers: response.headers,
    });
    const choice = data.choices[0];
    const content: ModelContentPart[] = [];
    if (choice?.message.reasoning_content)
      content.push({ type: 'reasoning', text: choice.message.reasoning_content });
    if (choice?.message.content) content.push({ type: 'text', text: choice.message.content });
    for (const call of choice?.message.tool_calls ?? []) {
      content.push({
        type: 'tool-call',
        toolCallId: call.id ?? `call_${content.length}`,
        toolName: call.function.name,
        input: parseToolArguments(call.function.arguments),
      });
    }
    const result: ModelResult = {
      content,
      finishReason: mapOpenAIFinishReason(choice?.finish_reason),
      usage: mapOpenAIChatUsage(data.usage),
    };
    if (data.id) result.responseId = data.id;
    if (data.model) result.modelId = data.model;
    const rateLimit = parseOpenAIRateLimitHeaders(response.headers);
    if (rateLimit) result.rateLimit = rateLimit;
    result.providerMetadata = {
      [this.provider]: this.metadata(response.headers, data, choice?.message.refusal),
    };
    return result;
  }

  private metadata(
    headers: Record<string, string>,
    data: { system_fingerprint?: string | null | undefined; service_tier?: string | null | undefined },
    refusal?: string | null,
  ): Record<string, unknown> {
    const metadata: Record<string, unknown> = {};
    if (headers['x-request-id']) metadata.requestId = headers['x-request-id'];
    if (data.system_fingerprint) metadata.systemFingerprint = data.system_fingerprint;
    if (data.service_tier) metadata.serviceTier = data.service_tier;
    if (refusal) metadata.refusal = refusal;
    return metadata;
  }

  /**
   * Streams the answer. A failure before the first part (HTTP error, a connection cut or a
   * malformed event before any output) rejects the first `next()`; later ones arrive as an
   * `error` part, after which the stream ends.
   */
  async *stream(request: ModelRequest, options: ModelCallOptions = {}): AsyncGenerator<ModelStreamPart> {
    yield* rejectFirstErrorPart(this.streamParts(request, options));
  }

  private async *streamParts(
    request: ModelRequest,
    options: ModelCallOptions,
  ): AsyncGenerator<ModelStreamPart> {
    const signal = options.signal;
    const response = await this.post(request, true, signal);
    const provider = this.provider;
    const toolCalls = new Map<number, { id: string; name: string; arguments: string }>();
    let lastIndex = 0;
    let finishReason: string | null | undefined;
    let usage: Usage | undefined;
    let responseId: string | undefined;
    let modelId: string | undefined;
    let fingerprint: string | undefined;
    let serviceTier: string | undefined;
    let refusal = '';
    let sawDone = false;

    try {
      for await (const event of parseSse(response.body)) {
        if (sawDone) continue; // drain to the end so the connection returns to the pool
        if (event.data === '[DONE]') {
          sawDone = true;
          continue;
        }
        const json = safeParseJson(event.data);
        const parsed = json.success ? openaiChatChunkSchema.safeParse(json.value) : undefined;
        if (!parsed?.success) {
          yield {
            type: 'error',
            error: new ProviderUnavailableError(
              `${provider}: malformed stream event: ${event.data.slice(0, 200)}`,
              {
                provider,
                body: event.data,
                retryable: false,
              },
            ),
          };
          return;
        }
        const chunk = parsed.data;
        if ('error' in chunk) {
          yield { type: 'error', error: openaiStreamError(provider, chunk.error, chunk) };
          return;
        }
        if (chunk.id) responseId ??= chunk.id;
        if (chunk.model) modelId ??= chunk.model;
        if (chunk.system_fingerprint) fingerprint = chunk.system_fingerprint;
        if (chunk.service_tier) serviceTier = chunk.service_tier;
        if (chunk.usage) usage = mapOpenAIChatUsage(chunk.usage);
        const choice = chunk.choices?.[0];
        if (!choice) continue;
        const delta = choice.delta;
        if (delta?.reasoning_content) yield { type: 'reasoning-delta', delta: delta.reasoning_content };
        if (delta?.content) yield { type: 'text-delta', delta: delta.content };
        if (delta?.refusal) refusal += delta.refusal;
        for (const fragment of delta?.tool_calls ?? []) {
          // Some compatible servers omit `index`: match by id, else continue the last call.
          let index = fragment.index;
          if (index === undefined || index === null) {
            index = lastIndex;
            if (fragment.id) {
              index = toolCalls.size;
              for (const [known, call] of toolCalls) if (call.id === fragment.id) index = known;
            }
          }
          lastIndex = index;
          let call = toolCalls.get(index);
          if (!call) {
            call = {
              id: fragment.id ?? `call_${index}`,
              name: fragment.function?.name ?? '',
              arguments: '',
            };
            toolCalls.set(index, call);
          } else if (fragment.function?.name && call.name === '') {
            call.name = fragment.function.name;
          }
          const piece = fragment.function?.arguments;
          if (piece) {
            call.arguments += piece;
            yield {
              type: 'tool-call-delta',
              toolCallId: call.id,
              toolName: call.name,
              argumentsDelta: piece,
            };
          }
        }
        if (choice.finish_reason) finishReason = choice.finish_reason;
      }
    } catch (error) {
      yield { type: 'error', error: mapTransportError(error, { provider, signal }) };
      return;
    }
    if (signal?.aborted) {
      yield { type: 'error', error: new CancelledError(`${provider}: request cancelled`, { provider }) };
      return;
    }
    if (!sawDone && !finishReason) {
      yield {
        type: 'error',
        error: new ProviderUnavailableError(`${provider}: stream ended before the response was complete`, {
          provider,
        }),
      };
      return;
    }
    for (const index of [...toolCalls.keys()].sort((a, b) => a - b)) {
      const call = toolCalls.get(index)!;
      yield {
        type: 'tool-call',
        toolCallId: call.id,
        toolName: call.name,
        input: parseToolArguments(call.arguments),
      };
    }
    const finish: Extract<ModelStreamPart, { type: 'finish' }> = {
      type: 'finish',
      finishReason: mapOpenAIFinishReason(finishReason),
      usage: usage ?? { inputTokens: 0, outputTokens: 0 },
    };
    if (responseId) finish.responseId = responseId;
    if (modelId) finish.modelId = modelId;
    const rateLimit = parseOpenAIRateLimitHeaders(response.headers);
    if (rateLimit) finish.rateLimit = rateLimit;
    finish.providerMetadata = {
      [provider]: this.metadata(
        response.headers,
        { system_fingerprint: fingerprint, service_tier: serviceTier },
        refusal,
      ),
    };
    yield finish;
  }
}
