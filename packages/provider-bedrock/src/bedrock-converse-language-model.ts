import {
  BatonError,
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
  expectOk,
  type FetchFunction,
  type HttpResponse,
  type HttpTimeouts,
  parseWireResponse,
  postJson,
  safeParseJson,
} from '@baton/provider-utils';
import {
  type BedrockConverseRequestBody,
  BedrockConverseResponseSchema,
  BedrockStreamEventSchemas,
  type BedrockUsage,
} from './bedrock-api.js';
import type { BedrockCredentials } from './bedrock-credentials.js';
import { bedrockErrorFromResponse, bedrockErrorFromStreamException } from './bedrock-error.js';
import { parseBedrockOptions } from './bedrock-options.js';
import { prepareBedrockTools } from './bedrock-prepare-tools.js';
import { convertBedrockUsage } from './convert-bedrock-usage.js';
import { convertToBedrockMessages } from './convert-to-bedrock-messages.js';
import { decodeBedrockEventStream } from './decode-bedrock-event-stream.js';
import { mapBedrockStopReason } from './map-bedrock-stop-reason.js';
import { signBedrockRequest } from './sign-bedrock-request.js';

/** The name of the tool forced for structured output in `jsonTool` mode. */
export const BEDROCK_JSON_TOOL_NAME = 'json';

/** How a request is authenticated. */
export type BedrockAuth =
  | { type: 'sigv4'; credentials: BedrockCredentials }
  | { type: 'api-key'; apiKey: string };

/** What a Converse model needs from its provider. */
export interface BedrockConverseConfig {
  /** Resolves the region lazily (missing → the call fails, not the factory). */
  region: () => string;
  /** e.g. `https://bedrock-runtime.us-east-1.amazonaws.com`, no trailing slash; default from the region. */
  baseURL?: string | undefined;
  /**
   * Resolves how to authenticate, lazily (missing → `AuthenticationError` before any request):
   * SigV4 with AWS credentials, or a Bedrock API key sent as a bearer token.
   */
  auth: () => BedrockAuth | Promise<BedrockAuth>;
  headers?: Record<string, string> | undefined;
  fetch?: FetchFunction | undefined;
  timeouts?: HttpTimeouts | undefined;
}

/**
 * Bedrock Runtime's Converse API as a Baton `ModelAdapter`: `POST /model/{modelId}/converse`
 * and `/converse-stream` (binary `application/vnd.amazon.eventstream`), SigV4-signed.
 * Works for any model id Converse accepts: base ids, inference profiles, ARNs.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html
 */
export class BedrockConverseLanguageModel implements ModelAdapterV1 {
  readonly specificationVersion = 'v1' as const;
  readonly provider = 'bedrock';
  readonly modelId: string;
  private readonly config: BedrockConverseConfig;

  constructor(modelId: string, config: BedrockConverseConfig) {
    this.modelId = modelId;
    this.config = config;
  }

  private prepare(request: ModelRequest): { body: BedrockConverseRequestBody; jsonTool: boolean } {
    const options = parseBedrockOptions(request.providerOptions?.bedrock);
    const { system, messages } = convertToBedrockMessages(request.messages, {
      cachePoints: options.cachePoints ?? false,
    });
    const format = request.responseFormat;
    const jsonTool =
      format?.type === 'json' && (options.structuredOutputMode === 'jsonTool' || format.schema === undefined);
    let toolConfig = prepareBedrockTools(request.tools, request.toolChoice, request.messages, {
      cachePoint: options.cachePoints ?? false,
    });
    if (jsonTool && format?.type === 'json') {
      toolConfig = {
        tools: [
          ...(toolConfig?.tools ?? []),
          {
            toolSpec: {
              name: BEDROCK_JSON_TOOL_NAME,
              description: format.description ?? 'Respond with a JSON object.',
              inputSchema: { json: format.schema ?? { type: 'object' } },
            },
          },
        ],
        toolChoice: { tool: { name: BEDROCK_JSON_TOOL_NAME } },
      };
    }

    const body: BedrockConverseRequestBody = { messages };
    if (system) body.system = system;
    const inference: NonNullable<BedrockConverseRequestBody['inferenceConfig']> = {};
    if (request.maxOutputTokens !== undefined) inference.maxTokens = request.maxOutputTokens;
    if (request.temperature !== undefined) inference.temperature = request.temperature;
    if (request.topP !== undefined) inference.topP = request.topP;
    if (request.stopSequences && request.stopSequences.length > 0)
      inference.stopSequences = request.stopSequences;
    if (Object.keys(inference).length > 0) body.inferenceConfig = inference;
    if (toolConfig) body.toolConfig = toolConfig;
    if (format?.type === 'json' && !jsonTool && format.schema) {
      body.outputConfig = {
        textFormat: {
          type: 'json_schema',
          structure: {
            jsonSchema: {
              schema: JSON.stringify(format.schema),
              name: format.name ?? 'response',
              ...(format.description ? { description: format.description } : {}),
            },
          },
        },
      };
    }
    if (options.additionalModelRequestFields)
      body.additionalModelRequestFields = options.additionalModelRequestFields;
    if (options.additionalModelResponseFieldPaths) {
      body.additionalModelResponseFieldPaths = options.additionalModelResponseFieldPaths;
    }
    if (options.guardrailConfig) body.guardrailConfig = options.guardrailConfig;
    if (options.latency) body.performanceConfig = { latency: options.latency };
    return { body, jsonTool };
  }

  private async post(
    operation: 'converse' | 'converse-stream',
    request: ModelRequest,
    body: BedrockConverseRequestBody,
    signal: AbortSignal | undefined,
  ): Promise<HttpResponse> {
    const auth = await this.config.auth();
    const region = this.config.region();
    const baseURL = this.config.baseURL ?? `https://bedrock-runtime.${region}.amazonaws.com`;
    const url = `${baseURL}/model/${encodeURIComponent(this.modelId)}/${operation}`;
    const payload = JSON.stringify(body);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: operation === 'converse' ? 'application/json' : 'application/vnd.amazon.eventstream',
    };
    for (const extra of [this.config.headers, request.headers]) {
      if (extra) for (const name in extra) headers[name.toLowerCase()] = extra[name]!;
    }
    const signed =
      auth.type === 'api-key'
        ? { authorization: `Bearer ${auth.apiKey}` }
        : await signBedrockRequest({ url, headers, body: payload, region, credentials: auth.credentials });
    const response = await postJson({
      url,
      headers: { ...headers, ...signed },
      body: payload,
      signal,
      timeouts: this.config.timeouts,
      fetch: this.config.fetch,
      provider: 'bedrock',
    });
    return expectOk(response, bedrockErrorFromResponse);
  }

  async generate(request: ModelRequest, options: ModelCallOptions = {}): Promise<ModelResult> {
    const { body, jsonTool } = this.prepare(request);
    const response = await this.post('converse', request, body, options.signal);
    const json = await response.json();
    const data = parseWireResponse(BedrockConverseResponseSchema, json, {
      provider: 'bedrock',
      status: response.status,
      headers: response.headers,
    });
    const content: ModelContentPart[] = [];
    for (const block of data.output?.message?.content ?? []) {
      if (typeof block.text === 'string') content.push({ type: 'text', text: block.text });
      else if (block.toolUse) {
        if (jsonTool && block.toolUse.name === BEDROCK_JSON_TOOL_NAME) {
          content.push({ type: 'text', text: JSON.stringify(block.toolUse.input ?? {}) });
        } else {
          content.push({
            type: 'tool-call',
            toolCallId: block.toolUse.toolUseId,
            toolName: block.toolUse.name,
            input: block.toolUse.input ?? {},
          });
        }
      } else if (block.reasoningContent?.reasoningText) {
        const reasoning = block.reasoningContent.reasoningText;
        content.push({
          type: 'reasoning',
          text: reasoning.text ?? '',
          ...(reasoning.signature ? { signature: reasoning.signature } : {}),
        });
      }
    }
    const finishReason = mapBedrockStopReason(data.stopReason);
    if (jsonTool && data.stopReason === 'tool_use') finishReason.unified = 'stop';
    const result: ModelResult = { content, finishReason, usage: convertBedrockUsage(data.usage) };
    const requestId = response.headers['x-amzn-requestid'];
    if (requestId) result.responseId = requestId;
    result.modelId = this.modelId;
    result.providerMetadata = {
      bedrock: metadata(requestId, data.metrics?.latencyMs, data.additionalModelResponseFields, data.trace),
    };
    return result;
  }

  async *stream(request: ModelRequest, options: ModelCallOptions = {}): AsyncGenerator<ModelStreamPart> {
    const { body, jsonTool } = this.prepare(request);
    const response = await this.post('converse-stream', request, body, options.signal);
    const headers = response.headers;
    const blocks = new Map<number, { id: string; name: string; json: string }>();
    let stopReason: string | null | undefined;
    let sawStop = false;
    let usage: BedrockUsage | null | undefined;
    let latencyMs: number | null | undefined;
    let additional: unknown;
    let trace: unknown;

    const fail = (message: string, payload?: unknown): ModelStreamPart => ({
      type: 'error',
      error: new ProviderUnavailableError(`bedrock: ${message}`, {
        provider: 'bedrock',
        status: response.status,
        headers,
        body: payload,
      }),
    });

    try {
      for await (const message of decodeBedrockEventStream(response.body)) {
        if (message.messageType !== 'event') {
          yield {
            type: 'error',
            error: bedrockErrorFromStreamException(message.type, message.payload, headers),
          };
          return;
        }
        switch (message.type) {
          case 'messageStart':
            break;
          case 'contentBlockStart': {
            const event = BedrockStreamEventSchemas.contentBlockStart.safeParse(message.payload);
            if (!event.success) return yield fail('malformed contentBlockStart event', message.payload);
            const toolUse = event.data.start?.toolUse;
            if (toolUse)
              blocks.set(event.data.contentBlockIndex, {
                id: toolUse.toolUseId,
                name: toolUse.name,
                json: '',
              });
            break;
          }
          case 'contentBlockDelta': {
            const event = BedrockStreamEventSchemas.contentBlockDelta.safeParse(message.payload);
            if (!event.success) return yield fail('malformed contentBlockDelta event', message.payload);
            const { delta, contentBlockIndex } = event.data;
            if (typeof delta.text === 'string') {
              if (delta.text !== '') yield { type: 'text-delta', delta: delta.text };
            } else if (delta.toolUse) {
              const block = blocks.get(contentBlockIndex);
              if (!block)
                return yield fail(
                  `toolUse delta for unknown content block ${contentBlockIndex}`,
                  message.payload,
                );
              block.json += delta.toolUse.input;
              if (jsonTool && block.name === BEDROCK_JSON_TOOL_NAME) {
                if (delta.toolUse.input !== '') yield { type: 'text-delta', delta: delta.toolUse.input };
              } else {
                yield {
                  type: 'tool-call-delta',
                  toolCallId: block.id,
                  toolName: block.name,
                  argumentsDelta: delta.toolUse.input,
                };
              }
            } else if (delta.reasoningContent) {
              const reasoning = delta.reasoningContent;
              if (typeof reasoning.text === 'string' && reasoning.text !== '') {
                yield { type: 'reasoning-delta', delta: reasoning.text };
              }
              if (reasoning.signature)
                yield { type: 'reasoning-delta', delta: '', signature: reasoning.signature };
            }
            break;
          }
          case 'contentBlockStop': {
            const event = BedrockStreamEventSchemas.contentBlockStop.safeParse(message.payload);
            if (!event.success) return yield fail('malformed contentBlockStop event', message.payload);
            const block = blocks.get(event.data.contentBlockIndex);
            blocks.delete(event.data.contentBlockIndex);
            if (block && !(jsonTool && block.name === BEDROCK_JSON_TOOL_NAME)) {
              const parsed =
                block.json === '' ? { success: true as const, value: {} } : safeParseJson(block.json);
              yield {
                type: 'tool-call',
                toolCallId: block.id,
                toolName: block.name,
                input: parsed.success ? parsed.value : block.json,
              };
            }
            break;
          }
          case 'messageStop': {
            const event = BedrockStreamEventSchemas.messageStop.safeParse(message.payload);
            if (!event.success) return yield fail('malformed messageStop event', message.payload);
            stopReason = event.data.stopReason;
            additional = event.data.additionalModelResponseFields;
            sawStop = true;
            break;
          }
          case 'metadata': {
            const event = BedrockStreamEventSchemas.metadata.safeParse(message.payload);
            if (!event.success) return yield fail('malformed metadata event', message.payload);
            usage = event.data.usage;
            latencyMs = event.data.metrics?.latencyMs;
            trace = event.data.trace;
            break;
          }
          default:
            break;
        }
      }
    } catch (error) {
      if (CancelledError.isInstance(error) || options.signal?.aborted) throw error;
      yield {
        type: 'error',
        error: BatonError.isInstance(error)
          ? error
          : new ProviderUnavailableError(`bedrock: stream failed: ${String(error)}`, {
              provider: 'bedrock',
              cause: error,
            }),
      };
      return;
    }
    if (!sawStop) {
      yield fail('stream ended before messageStop (connection cut)');
      return;
    }
    const finishReason = mapBedrockStopReason(stopReason);
    if (jsonTool && stopReason === 'tool_use') finishReason.unified = 'stop';
    const requestId = headers['x-amzn-requestid'];
    const finish: ModelStreamPart & { type: 'finish' } = {
      type: 'finish',
      finishReason,
      usage: convertBedrockUsage(usage),
      modelId: this.modelId,
      providerMetadata: { bedrock: metadata(requestId, latencyMs, additional, trace) },
    };
    if (requestId) finish.responseId = requestId;
    yield finish;
  }
}

function metadata(
  requestId: string | undefined,
  latencyMs: number | null | undefined,
  additional: unknown,
  trace: unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (requestId) out.requestId = requestId;
  if (latencyMs != null) out.latencyMs = latencyMs;
  if (additional != null) out.additionalModelResponseFields = additional;
  if (trace != null) out.trace = trace;
  return out;
}
