import {
  type ModelAdapterV1,
  type ModelCallOptions,
  type ModelContentPart,
  type ModelRequest,
  type ModelResult,
  type ModelStreamPart,
  ValidationError,
} from '@baton/core/contracts';
import {
  expectOk,
  type FetchFunction,
  type HttpResponse,
  type HttpTimeouts,
  parseWireResponse,
  postJson,
} from '@baton/provider-utils';
import { anthropicErrorFromResponse } from './anthropic-error.js';
import {
  type AnthropicCacheControl,
  type AnthropicMessagesRequestBody,
  AnthropicMessagesResponseSchema,
} from './anthropic-messages-api.js';
import { ANTHROPIC_JSON_TOOL_NAME, parseAnthropicMessagesOptions } from './anthropic-messages-options.js';
import { prepareAnthropicTools } from './anthropic-prepare-tools.js';
import { anthropicProviderMetadata } from './anthropic-provider-metadata.js';
import { convertAnthropicUsage } from './convert-anthropic-usage.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';
import { decodeAnthropicStream } from './decode-anthropic-stream.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';
import { parseAnthropicRateLimit } from './parse-anthropic-rate-limit.js';

/** `max_tokens` is required by the API; this is sent when the request sets no `maxOutputTokens`. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

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
    return expectOk(response, anthropicErrorFromResponse);
  }

  async generate(request: ModelRequest, options: ModelCallOptions = {}): Promise<ModelResult> {
    const call = this.prepare(request, false);
    const response = await this.post(call, options.signal);
    const json = await response.json();
    const message = parseWireResponse(AnthropicMessagesResponseSchema, json, {
      provider: 'anthropic',
      status: response.status,
      headers: response.headers,
    });
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
    result.providerMetadata = {
      anthropic: anthropicProviderMetadata(response.headers, message.stop_sequence, message.usage),
    };
    return result;
  }

  async *stream(request: ModelRequest, options: ModelCallOptions = {}): AsyncGenerator<ModelStreamPart> {
    const call = this.prepare(request, true);
    const response = await this.post(call, options.signal);
    yield* decodeAnthropicStream(response, { jsonTool: call.jsonTool, signal: options.signal });
  }
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
