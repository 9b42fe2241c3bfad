import {
  CancelledError,
  InvalidRequestError,
  type ModelAdapterV1,
  type ModelCallOptions,
  type ModelContentPart,
  type ModelRequest,
  type ModelResult,
  type ModelStreamPart,
  ProviderUnavailableError,
  type ToolCallPart,
  type Usage,
} from '@baton/core/contracts';
import {
  type FetchFunction,
  type HttpTimeouts,
  mapTransportError,
  parseNdjson,
  parseWireResponse,
  postJson,
  rejectFirstErrorPart,
  safeParseJson,
} from '@baton/provider-utils';
import { convertToOllamaChatMessages } from './convert-to-ollama-chat-messages.js';
import { mapOllamaDoneReason } from './map-ollama-done-reason.js';
import { type OllamaChatResponse, ollamaChatResponseSchema } from './ollama-chat-api.js';
import { ollamaChatOptionsSchema } from './ollama-chat-options.js';
import { prepareOllamaChatTools } from './ollama-chat-prepare-tools.js';
import { ollamaErrorFromResponse } from './ollama-error.js';

/** Where and how an Ollama model calls. */
export interface OllamaChatConfig {
  /** Provider name (default `ollama`). */
  provider: string;
  /** Server base URL without `/api`, e.g. `http://127.0.0.1:11434`. */
  baseURL: string;
  /** Headers for each call. */
  headers: () => Record<string, string | undefined>;
  fetch?: FetchFunction | undefined;
  timeouts?: HttpTimeouts | undefined;
}

type OllamaLine = Exclude<OllamaChatResponse, { error: string }>;

let nextCallId = 0;
/** Ollama versions before tool-call ids need one invented, unique within the process. */
function inventCallId(): string {
  nextCallId = (nextCallId + 1) % Number.MAX_SAFE_INTEGER;
  return `call_ollama_${nextCallId.toString(36)}`;
}

function toolCallParts(line: OllamaLine): ToolCallPart[] {
  return (line.message?.tool_calls ?? []).map((call) => {
    const args = call.function.arguments;
    let input: unknown = args ?? {};
    if (typeof args === 'string') {
      const parsed = safeParseJson(args);
      input = parsed.success ? parsed.value : args;
    }
    return { type: 'tool-call', toolCallId: call.id ?? inventCallId(), toolName: call.function.name, input };
  });
}

function usageOf(line: OllamaLine): Usage {
  const raw: Record<string, number> = {};
  for (const key of [
    'prompt_eval_count',
    'eval_count',
    'total_duration',
    'load_duration',
    'prompt_eval_duration',
    'eval_duration',
  ] as const) {
    const value = line[key];
    if (typeof value === 'number') raw[key] = value;
  }
  return { inputTokens: line.prompt_eval_count ?? 0, outputTokens: line.eval_count ?? 0, raw };
}

/**
 * An Ollama model over the native chat API (`POST {baseURL}/api/chat`), JSON or NDJSON stream.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion
 */
export class OllamaChatLanguageModel implements ModelAdapterV1 {
  readonly specificationVersion = 'v1';
  readonly modelId: string;
  private readonly config: OllamaChatConfig;

  constructor(modelId: string, config: OllamaChatConfig) {
    this.modelId = modelId;
    this.config = config;
  }

  get provider(): string {
    return this.config.provider;
  }

  /** The origin this model calls; circuit breakers key on it. */
  get origin(): string {
    return new URL(this.config.baseURL).origin;
  }

  /** The exact request body for `request`. */
  buildBody(request: ModelRequest, stream: boolean): Record<string, unknown> {
    const parsed = ollamaChatOptionsSchema.safeParse(request.providerOptions?.[this.config.provider] ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InvalidRequestError(
        `invalid providerOptions.${this.config.provider}${issue?.path.length ? `.${issue.path.join('.')}` : ''}: ${issue?.message}`,
      );
    }
    const providerOptions = parsed.data;
    const body: Record<string, unknown> = {
      model: this.modelId,
      messages: convertToOllamaChatMessages(request.messages),
      stream,
    };
    const tools = prepareOllamaChatTools(request.tools, request.toolChoice);
    if (tools) body.tools = tools;
    const format = request.responseFormat;
    if (format?.type === 'json') body.format = format.schema ?? 'json';
    const options: Record<string, unknown> = {};
    if (request.maxOutputTokens !== undefined) options.num_predict = request.maxOutputTokens;
    if (request.temperature !== undefined) options.temperature = request.temperature;
    if (request.topP !== undefined) options.top_p = request.topP;
    if (request.stopSequences?.length) options.stop = request.stopSequences;
    Object.assign(options, providerOptions.options);
    if (Object.keys(options).length > 0) body.options = options;
    if (providerOptions.think !== undefined) body.think = providerOptions.think;
    if (providerOptions.keepAlive !== undefined) body.keep_alive = providerOptions.keepAlive;
    return body;
  }

  private async post(request: ModelRequest, stream: boolean, signal: AbortSignal | undefined) {
    if (signal?.aborted) throw mapTransportError(signal.reason, { provider: this.provider, signal });
    const response = await postJson({
      url: `${this.config.baseURL}/api/chat`,
      headers: { ...this.config.headers(), ...request.headers },
      body: this.buildBody(request, stream),
      signal,
      timeouts: this.config.timeouts,
      fetch: this.config.fetch,
      provider: this.provider,
    });
    if (response.status < 200 || response.status >= 300)
      throw await ollamaErrorFromResponse(this.provider, response);
    return response;
  }

  private parseLine(value: unknown): OllamaLine {
    const line = parseWireResponse(ollamaChatResponseSchema, value, {
      provider: this.provider,
      what: '/api/chat',
    });
    if ('error' in line) {
      throw new ProviderUnavailableError(`${this.provider}: ${line.error}`, {
        provider: this.provider,
        body: value,
      });
    }
    return line;
  }

  async generate(request: ModelRequest, options: ModelCallOptions = {}): Promise<ModelResult> {
    const response = await this.post(request, false, options.signal);
    const line = this.parseLine(await response.json());
    const content: ModelContentPart[] = [];
    if (line.message?.thinking) content.push({ type: 'reasoning', text: line.message.thinking });
    if (line.message?.content) content.push({ type: 'text', text: line.message.content });
    const calls = toolCallParts(line);
    content.push(...calls);
    const result: ModelResult = {
      content,
      finishReason: mapOllamaDoneReason(line.done_reason, calls.length > 0),
      usage: usageOf(line),
    };
    if (line.model) result.modelId = line.model;
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
    let last: OllamaLine | undefined;
    let hasToolCalls = false;
    try {
      for await (const value of parseNdjson(response.body, { provider })) {
        const line = this.parseLine(value);
        if (line.message?.thinking) yield { type: 'reasoning-delta', delta: line.message.thinking };
        if (line.message?.content) yield { type: 'text-delta', delta: line.message.content };
        for (const call of toolCallParts(line)) {
          hasToolCalls = true;
          // Ollama sends each call whole: one fragment carries all of its arguments.
          yield {
            type: 'tool-call-delta',
            toolCallId: call.toolCallId,
            toolName: call.toolName,
            argumentsDelta: typeof call.input === 'string' ? call.input : JSON.stringify(call.input),
          };
          yield call;
        }
        if (line.done) last = line;
      }
    } catch (error) {
      yield { type: 'error', error: mapTransportError(error, { provider, signal }) };
      return;
    }
    if (signal?.aborted) {
      yield { type: 'error', error: new CancelledError(`${provider}: request cancelled`, { provider }) };
      return;
    }
    if (!last) {
      yield {
        type: 'error',
        error: new ProviderUnavailableError(`${provider}: stream ended before the final "done" line`, {
          provider,
        }),
      };
      return;
    }
    const finish: Extract<ModelStreamPart, { type: 'finish' }> = {
      type: 'finish',
      finishReason: mapOllamaDoneReason(last.done_reason, hasToolCalls),
      usage: usageOf(last),
    };
    if (last.model) finish.modelId = last.model;
    yield finish;
  }
}
