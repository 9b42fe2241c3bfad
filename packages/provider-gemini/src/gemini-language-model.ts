import { randomUUID } from 'node:crypto';
import {
  BatonError,
  CancelledError,
  ContentFilterError,
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
  parseSse,
  parseWireResponse,
  postJson,
  safeParseJson,
} from '@baton/provider-utils';
import { convertGeminiUsage } from './convert-gemini-usage.js';
import { convertJsonSchemaToGeminiSchema } from './convert-json-schema-to-gemini-schema.js';
import { convertToGeminiMessages, GEMINI_GENERATED_ID_PREFIX } from './convert-to-gemini-messages.js';
import {
  type GeminiGenerateContentRequestBody,
  type GeminiGenerateContentResponse,
  GeminiGenerateContentResponseSchema,
  type GeminiGenerationConfig,
  type GeminiResponsePart,
  type GeminiUsageMetadata,
} from './gemini-api.js';
import { geminiErrorFromResponse } from './gemini-error.js';
import { parseGeminiOptions } from './gemini-options.js';
import { prepareGeminiTools } from './gemini-prepare-tools.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';

/** What a Gemini model needs from its provider. */
export interface GeminiConfig {
  /** e.g. `https://generativelanguage.googleapis.com/v1beta`, no trailing slash. */
  baseURL: string;
  /** Resolves the key lazily, so a missing key fails the call, not the factory. */
  apiKey: () => string;
  headers?: Record<string, string> | undefined;
  fetch?: FetchFunction | undefined;
  timeouts?: HttpTimeouts | undefined;
  /** Tool-call ids when the API sends none (default: random, prefixed `baton_call_` so they are not echoed back). */
  generateId?: (() => string) | undefined;
}

const contentFilterReasons = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
]);

/**
 * The Gemini API as a Baton `ModelAdapter`: `POST {baseURL}/models/{model}:generateContent`
 * and `:streamGenerateContent?alt=sse`, key in `x-goog-api-key`.
 * @see https://ai.google.dev/api/generate-content
 */
export class GeminiLanguageModel implements ModelAdapterV1 {
  readonly specificationVersion = 'v1' as const;
  readonly provider = 'gemini';
  readonly modelId: string;
  private readonly config: GeminiConfig;
  private readonly path: string;

  constructor(modelId: string, config: GeminiConfig) {
    this.modelId = modelId;
    this.config = config;
    // `models/x` and `tunedModels/x` are full resource names already.
    this.path = modelId.includes('/') ? modelId : `models/${modelId}`;
  }

  private prepare(request: ModelRequest): {
    body: GeminiGenerateContentRequestBody;
    headers: Record<string, string>;
  } {
    const options = parseGeminiOptions(request.providerOptions?.gemini);
    const { systemInstruction, contents } = convertToGeminiMessages(request.messages);
    const { tools, toolConfig } = prepareGeminiTools(request.tools, request.toolChoice, {
      useJsonSchema: options.useJsonSchema,
    });

    const generationConfig: GeminiGenerationConfig = {};
    if (request.temperature !== undefined) generationConfig.temperature = request.temperature;
    if (request.topP !== undefined) generationConfig.topP = request.topP;
    if (options.topK !== undefined) generationConfig.topK = options.topK;
    if (request.maxOutputTokens !== undefined) generationConfig.maxOutputTokens = request.maxOutputTokens;
    if (request.stopSequences && request.stopSequences.length > 0)
      generationConfig.stopSequences = request.stopSequences;
    if (options.seed !== undefined) generationConfig.seed = options.seed;
    const format = request.responseFormat;
    if (format?.type === 'json') {
      generationConfig.responseMimeType = 'application/json';
      if (format.schema) {
        if (options.useJsonSchema) generationConfig.responseJsonSchema = format.schema;
        else generationConfig.responseSchema = convertJsonSchemaToGeminiSchema(format.schema)!;
      }
    }
    if (options.thinkingConfig) generationConfig.thinkingConfig = options.thinkingConfig;

    const body: GeminiGenerateContentRequestBody = { contents };
    if (systemInstruction) body.systemInstruction = systemInstruction;
    if (tools) body.tools = tools;
    if (toolConfig) body.toolConfig = toolConfig;
    if (Object.keys(generationConfig).length > 0) body.generationConfig = generationConfig;
    if (options.safetySettings) body.safetySettings = options.safetySettings;
    if (options.cachedContent) body.cachedContent = options.cachedContent;

    const headers: Record<string, string> = {
      'x-goog-api-key': this.config.apiKey(),
      'content-type': 'application/json',
      ...this.config.headers,
      ...request.headers,
    };
    return { body, headers };
  }

  private async post(
    url: string,
    call: ReturnType<GeminiLanguageModel['prepare']>,
    signal?: AbortSignal,
  ): Promise<HttpResponse> {
    const response = await postJson({
      url,
      headers: call.headers,
      body: call.body,
      signal,
      timeouts: this.config.timeouts,
      fetch: this.config.fetch,
      provider: 'gemini',
    });
    return expectOk(response, geminiErrorFromResponse);
  }

  async generate(request: ModelRequest, options: ModelCallOptions = {}): Promise<ModelResult> {
    const call = this.prepare(request);
    const response = await this.post(
      `${this.config.baseURL}/${this.path}:generateContent`,
      call,
      options.signal,
    );
    const json = await response.json();
    const data = parseWireResponse(GeminiGenerateContentResponseSchema, json, {
      provider: 'gemini',
      status: response.status,
      headers: response.headers,
    });
    const blocked = promptBlocked(data, response.headers);
    if (blocked) throw blocked;
    const candidate = data.candidates?.[0];
    const content: ModelContentPart[] = [];
    for (const part of candidate?.content?.parts ?? []) this.convertPart(part, content);
    const hasToolCalls = content.some((part) => part.type === 'tool-call');
    const finishReason = candidate?.finishReason;
    if (finishReason && contentFilterReasons.has(finishReason) && content.length === 0) {
      throw new ContentFilterError(`gemini: the response was blocked (finishReason ${finishReason})`, {
        provider: 'gemini',
        status: response.status,
        type: finishReason,
        body: json,
        headers: response.headers,
      });
    }
    const result: ModelResult = {
      content,
      finishReason: mapGeminiFinishReason(finishReason, hasToolCalls),
      usage: convertGeminiUsage(data.usageMetadata),
    };
    if (data.responseId) result.responseId = data.responseId;
    if (data.modelVersion) result.modelId = data.modelVersion;
    const metadata = providerMetadata(candidate);
    if (metadata) result.providerMetadata = { gemini: metadata };
    return result;
  }

  async *stream(request: ModelRequest, options: ModelCallOptions = {}): AsyncGenerator<ModelStreamPart> {
    const call = this.prepare(request);
    const response = await this.post(
      `${this.config.baseURL}/${this.path}:streamGenerateContent?alt=sse`,
      call,
      options.signal,
    );
    const headers = response.headers;
    let usage: GeminiUsageMetadata | null | undefined;
    let finishReason: string | undefined;
    let responseId: string | undefined;
    let modelId: string | undefined;
    let hasToolCalls = false;
    let hasContent = false;
    let lastCandidate: NonNullable<GeminiGenerateContentResponse['candidates']>[number] | undefined;
    const parts: ModelContentPart[] = [];

    try {
      for await (const sse of parseSse(response.body)) {
        const json = safeParseJson(sse.data);
        if (json.success && typeof json.value === 'object' && json.value !== null && 'error' in json.value) {
          yield { type: 'error', error: geminiErrorFromResponse({ headers, body: json.value }) };
          return;
        }
        const parsed = json.success ? GeminiGenerateContentResponseSchema.safeParse(json.value) : undefined;
        if (!parsed?.success) {
          yield {
            type: 'error',
            error: new ProviderUnavailableError(`gemini: malformed stream event: ${sse.data.slice(0, 200)}`, {
              provider: 'gemini',
              status: response.status,
              headers,
              body: sse.data,
            }),
          };
          return;
        }
        const chunk = parsed.data;
        const blocked = promptBlocked(chunk, headers);
        if (blocked) {
          yield { type: 'error', error: blocked };
          return;
        }
        if (chunk.usageMetadata) usage = chunk.usageMetadata;
        if (chunk.responseId) responseId = chunk.responseId;
        if (chunk.modelVersion) modelId = chunk.modelVersion;
        const candidate = chunk.candidates?.[0];
        if (!candidate) continue;
        lastCandidate = candidate;
        for (const part of candidate.content?.parts ?? []) {
          parts.length = 0;
          this.convertPart(part, parts);
          for (const converted of parts) {
            hasContent = true;
            if (converted.type === 'text') {
              if (converted.text !== '') yield { type: 'text-delta', delta: converted.text };
            } else if (converted.type === 'reasoning') {
              yield {
                type: 'reasoning-delta',
                delta: converted.text,
                ...(converted.signature ? { signature: converted.signature } : {}),
              };
            } else {
              hasToolCalls = true;
              // Gemini sends each function call whole: one delta with all arguments, then the call.
              yield {
                type: 'tool-call-delta',
                toolCallId: converted.toolCallId,
                toolName: converted.toolName,
                argumentsDelta: JSON.stringify(converted.input),
              };
              yield converted;
            }
          }
        }
        if (candidate.finishReason) finishReason = candidate.finishReason;
      }
    } catch (error) {
      if (CancelledError.isInstance(error) || options.signal?.aborted) throw error;
      yield {
        type: 'error',
        error: BatonError.isInstance(error)
          ? error
          : new ProviderUnavailableError(`gemini: stream failed: ${String(error)}`, {
              provider: 'gemini',
              cause: error,
            }),
      };
      return;
    }
    if (finishReason === undefined) {
      yield {
        type: 'error',
        error: new ProviderUnavailableError('gemini: stream ended before a finishReason (connection cut)', {
          provider: 'gemini',
          status: response.status,
          headers,
        }),
      };
      return;
    }
    if (contentFilterReasons.has(finishReason) && !hasContent) {
      yield {
        type: 'error',
        error: new ContentFilterError(`gemini: the response was blocked (finishReason ${finishReason})`, {
          provider: 'gemini',
          status: response.status,
          type: finishReason,
          headers,
        }),
      };
      return;
    }
    const finish: ModelStreamPart & { type: 'finish' } = {
      type: 'finish',
      finishReason: mapGeminiFinishReason(finishReason, hasToolCalls),
      usage: convertGeminiUsage(usage),
    };
    if (responseId) finish.responseId = responseId;
    if (modelId) finish.modelId = modelId;
    const metadata = providerMetadata(lastCandidate);
    if (metadata) finish.providerMetadata = { gemini: metadata };
    yield finish;
  }

  /** One response part → Baton content; a `thoughtSignature` on a non-thought part becomes an empty signed reasoning part before it. */
  private convertPart(part: GeminiResponsePart, out: ModelContentPart[]): void {
    const signature = part.thoughtSignature ?? undefined;
    if (part.functionCall) {
      if (signature) out.push({ type: 'reasoning', text: '', signature });
      out.push({
        type: 'tool-call',
        toolCallId: part.functionCall.id ?? (this.config.generateId ?? defaultId)(),
        toolName: part.functionCall.name,
        input: part.functionCall.args ?? {},
      });
      return;
    }
    if (typeof part.text === 'string') {
      if (part.thought) {
        out.push({ type: 'reasoning', text: part.text, ...(signature ? { signature } : {}) });
        return;
      }
      if (signature) out.push({ type: 'reasoning', text: '', signature });
      out.push({ type: 'text', text: part.text });
    }
  }
}

function defaultId(): string {
  return `${GEMINI_GENERATED_ID_PREFIX}${randomUUID().replaceAll('-', '').slice(0, 24)}`;
}

function promptBlocked(
  data: GeminiGenerateContentResponse,
  headers: Record<string, string>,
): ContentFilterError | undefined {
  const reason = data.promptFeedback?.blockReason;
  if (!reason || reason === 'BLOCK_REASON_UNSPECIFIED') return undefined;
  const detail = data.promptFeedback?.blockReasonMessage;
  return new ContentFilterError(`gemini: the prompt was blocked (${reason})${detail ? `: ${detail}` : ''}`, {
    provider: 'gemini',
    type: reason,
    body: data,
    headers,
  });
}

function providerMetadata(
  candidate: NonNullable<GeminiGenerateContentResponse['candidates']>[number] | undefined,
): Record<string, unknown> | undefined {
  if (!candidate) return undefined;
  const out: Record<string, unknown> = {};
  if (candidate.safetyRatings) out.safetyRatings = candidate.safetyRatings;
  if (candidate.finishMessage) out.finishMessage = candidate.finishMessage;
  return Object.keys(out).length > 0 ? out : undefined;
}
