import {
  CancelledError,
  type ModelAdapterV1,
  type ModelCallOptions,
  type ModelContentPart,
  type ModelRequest,
  type ModelResult,
  type ModelStreamPart,
  ProviderUnavailableError,
} from '@baton/core/contracts';
import {
  mapTransportError,
  parseSse,
  parseWireResponse,
  postJson,
  rejectFirstErrorPart,
  safeParseJson,
} from '@baton/provider-utils';
import { parseToolArguments } from '../chat/openai-chat-language-model.js';
import { parseProviderOptions } from '../chat/openai-chat-options.js';
import { isStrictJsonSchema } from '../is-strict-json-schema.js';
import type { OpenAIConfig } from '../openai-config.js';
import { openaiErrorFromResponse, openaiStreamError } from '../openai-error.js';
import { parseOpenAIRateLimitHeaders } from '../parse-openai-rate-limit-headers.js';
import { convertToOpenAIResponsesInput } from './convert-to-openai-responses-input.js';
import { mapOpenAIResponsesFinishReason } from './map-openai-responses-finish-reason.js';
import { mapOpenAIResponsesUsage } from './map-openai-responses-usage.js';
import {
  type OpenAIResponsesResponse,
  openaiResponsesEventSchema,
  openaiResponsesResponseSchema,
} from './openai-responses-api.js';
import { openaiResponsesOptionsSchema } from './openai-responses-options.js';
import { prepareOpenAIResponsesTools } from './openai-responses-prepare-tools.js';

/** Settings of a Responses model beyond where to call. */
export interface OpenAIResponsesConfig extends OpenAIConfig {
  /** Role for system messages (default `system`). */
  systemRole?: 'system' | 'developer';
}

function responseContent(data: OpenAIResponsesResponse): {
  content: ModelContentPart[];
  hasToolCalls: boolean;
} {
  const content: ModelContentPart[] = [];
  let hasToolCalls = false;
  for (const item of data.output ?? []) {
    if (item.type === 'message' && 'content' in item) {
      for (const part of item.content ?? []) {
        if (part.type === 'output_text' && 'text' in part) content.push({ type: 'text', text: part.text });
        else if (part.type === 'refusal' && 'refusal' in part)
          content.push({ type: 'text', text: part.refusal });
      }
    } else if (item.type === 'function_call' && 'call_id' in item) {
      hasToolCalls = true;
      content.push({
        type: 'tool-call',
        toolCallId: item.call_id,
        toolName: item.name,
        input: parseToolArguments(item.arguments),
      });
    } else if (item.type === 'reasoning' && 'summary' in item) {
      const text = (item.summary ?? []).map((s) => s.text ?? '').join('\n\n');
      content.push({
        type: 'reasoning',
        text,
        ...(item.encrypted_content ? { signature: item.encrypted_content } : {}),
      });
    }
  }
  return { content, hasToolCalls };
}

/**
 * A Responses API model (`POST {baseURL}/responses`), JSON and SSE.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
export class OpenAIResponsesLanguageModel implements ModelAdapterV1 {
  readonly specificationVersion = 'v1';
  readonly modelId: string;
  private readonly config: OpenAIResponsesConfig;

  constructor(modelId: string, config: OpenAIResponsesConfig) {
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

  /** The exact request body for `request`. */
  buildBody(request: ModelRequest, stream: boolean): Record<string, unknown> {
    const options = parseProviderOptions(
      openaiResponsesOptionsSchema,
      request.providerOptions?.[this.config.provider],
      `providerOptions.${this.config.provider}`,
    );
    const body: Record<string, unknown> = {
      model: this.modelId,
      input: convertToOpenAIResponsesInput(
        request.messages,
        this.config.systemRole ? { systemRole: this.config.systemRole } : {},
      ),
    };
    if (options.instructions !== undefined) body.instructions = options.instructions;
    if (request.maxOutputTokens !== undefined) body.max_output_tokens = request.maxOutputTokens;
    if (request.temperature !== undefined) body.temperature = request.temperature;
    if (request.topP !== undefined) body.top_p = request.topP;
    const format = request.responseFormat;
    if (format?.type === 'json') {
      body.text = {
        format: format.schema
          ? {
              type: 'json_schema',
              name: format.name ?? 'response',
              ...(format.description !== undefined ? { description: format.description } : {}),
              schema: format.schema,
              strict: options.strictJsonSchema ?? isStrictJsonSchema(format.schema),
            }
          : { type: 'json_object' },
      };
    }
    Object.assign(
      body,
      prepareOpenAIResponsesTools(
        request.tools,
        request.toolChoice,
        options.strictTools !== undefined ? { strict: options.strictTools } : {},
      ),
    );
    if (options.parallelToolCalls !== undefined && request.tools?.length) {
      body.parallel_tool_calls = options.parallelToolCalls;
    }
    if (options.reasoningEffort !== undefined || options.reasoningSummary !== undefined) {
      body.reasoning = {
        ...(options.reasoningEffort !== undefined ? { effort: options.reasoningEffort } : {}),
        ...(options.reasoningSummary !== undefined ? { summary: options.reasoningSummary } : {}),
      };
    }
    if (options.user !== undefined) body.user = options.user;
    if (options.store !== undefined) body.store = options.store;
    if (options.serviceTier !== undefined) body.service_tier = options.serviceTier;
    if (options.previousResponseId !== undefined) body.previous_response_id = options.previousResponseId;
    if (options.include !== undefined) body.include = options.include;
    if (options.truncation !== undefined) body.truncation = options.truncation;
    if (options.promptCacheKey !== undefined) body.prompt_cache_key = options.promptCacheKey;
    if (options.metadata !== undefined) body.metadata = options.metadata;
    if (stream) body.stream = true;
    return body;
  }

  private async post(request: ModelRequest, stream: boolean, signal: AbortSignal | undefined) {
    if (signal?.aborted) throw mapTransportError(signal.reason, { provider: this.provider, signal });
    const headers = { ...this.config.headers(), ...request.headers };
    const response = await postJson({
      url: `${this.config.baseURL}/responses`,
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

  private metadata(
    headers: Record<string, string>,
    data: OpenAIResponsesResponse | undefined,
  ): Record<string, unknown> {
    const metadata: Record<string, unknown> = {};
    if (headers['x-request-id']) metadata.requestId = headers['x-request-id'];
    if (data?.service_tier) metadata.serviceTier = data.service_tier;
    return metadata;
  }

  private failed(data: OpenAIResponsesResponse, body: unknown) {
    return openaiStreamError(
      this.provider,
      { message: data.error?.message ?? 'response failed', code: data.error?.code ?? 'server_error' },
      body,
    );
  }

  async generate(request: ModelRequest, options: ModelCallOptions = {}): Promise<ModelResult> {
    const response = await this.post(request, false, options.signal);
    const raw = await response.json();
    const data = parseWireResponse(openaiResponsesResponseSchema, raw, {
      provider: this.provider,
      status: response.status,
      headers: response.headers,
    });
    if (data.status === 'failed') throw this.failed(data, raw);
    const { content, hasToolCalls } = responseContent(data);
    const result: ModelResult = {
      content,
      finishReason: mapOpenAIResponsesFinishReason(
        data.status,
        data.incomplete_details?.reason,
        hasToolCalls,
      ),
      usage: mapOpenAIResponsesUsage(data.usage),
      providerMetadata: { [this.provider]: this.metadata(response.headers, data) },
    };
    if (data.id) result.responseId = data.id;
    if (data.model) result.modelId = data.model;
    const rateLimit = parseOpenAIRateLimitHeaders(response.headers);
    if (rateLimit) result.rateLimit = rateLimit;
    return result;
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
    // Function calls by item id: their call id and name arrive with `output_item.added`.
    const calls = new Map<string, { callId: string; name: string }>();
    let hasToolCalls = false;
    let final: OpenAIResponsesResponse | undefined;

    try {
      for await (const event of parseSse(response.body)) {
        if (final) continue; // drain to the end so the connection returns to the pool
        const json = safeParseJson(event.data);
        const parsed = json.success ? openaiResponsesEventSchema.safeParse(json.value) : undefined;
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
        const data = parsed.data;
        switch (data.type) {
          case 'response.output_text.delta':
          case 'response.refusal.delta':
            if (data.delta) yield { type: 'text-delta', delta: data.delta };
            break;
          case 'response.reasoning_summary_text.delta':
          case 'response.reasoning_text.delta':
            if (data.delta) yield { type: 'reasoning-delta', delta: data.delta };
            break;
          case 'response.output_item.added':
            if (data.item?.type === 'function_call' && 'call_id' in data.item) {
              calls.set(data.item.id ?? data.item.call_id, {
                callId: data.item.call_id,
                name: data.item.name,
              });
            }
            break;
          case 'response.function_call_arguments.delta': {
            const call = data.item_id ? calls.get(data.item_id) : undefined;
            if (call && data.delta) {
              yield {
                type: 'tool-call-delta',
                toolCallId: call.callId,
                toolName: call.name,
                argumentsDelta: data.delta,
              };
            }
            break;
          }
          case 'response.output_item.done':
            if (data.item?.type === 'function_call' && 'call_id' in data.item) {
              hasToolCalls = true;
              yield {
                type: 'tool-call',
                toolCallId: data.item.call_id,
                toolName: data.item.name,
                input: parseToolArguments(data.item.arguments),
              };
            }
            break;
          case 'response.completed':
          case 'response.incomplete':
            final = data.response ?? undefined;
            break;
          case 'response.failed':
            yield {
              type: 'error',
              error: this.failed(data.response ?? {}, json.success ? json.value : event.data),
            };
            return;
          case 'error':
            yield {
              type: 'error',
              error: openaiStreamError(
                provider,
                { message: data.message, code: data.code },
                json.success ? json.value : null,
              ),
            };
            return;
          default:
            break;
        }
      }
    } catch (error) {
      yield { type: 'error', error: mapTransportError(error, { provider, signal }) };
      return;
    }
    if (signal?.aborted) {
      yield { type: 'error', error: new CancelledError(`${provider}: request cancelled`, { provider }) };
      return;
    }
    if (!final) {
      yield {
        type: 'error',
        error: new ProviderUnavailableError(`${provider}: stream ended before the response was complete`, {
          provider,
        }),
      };
      return;
    }
    const finish: Extract<ModelStreamPart, { type: 'finish' }> = {
      type: 'finish',
      finishReason: mapOpenAIResponsesFinishReason(
        final.status,
        final.incomplete_details?.reason,
        hasToolCalls,
      ),
      usage: mapOpenAIResponsesUsage(final.usage),
      providerMetadata: { [provider]: this.metadata(response.headers, final) },
    };
    if (final.id) finish.responseId = final.id;
    if (final.model) finish.modelId = final.model;
    const rateLimit = parseOpenAIRateLimitHeaders(response.headers);
    if (rateLimit) finish.rateLimit = rateLimit;
    yield finish;
  }
}
