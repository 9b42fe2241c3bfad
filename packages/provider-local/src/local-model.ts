import {
  InvalidRequestError,
  type ModelAdapterV1,
  type ModelCallOptions,
  type ModelRequest,
  type ModelResult,
  type ModelStreamPart,
} from '@baton/core/contracts';
import { countOutputTokens, countRequestTokens } from './count-request-tokens.js';
import { generateResponse } from './engine/generate-response.js';
import { type LocalModelOptions, parseLocalModelOptions } from './local-model-options.js';
import { CallSimulator } from './simulation/call-simulator.js';
import { abortError, waitForLatency } from './simulation/wait-for-latency.js';
import { splitDeltas } from './split-deltas.js';

const DEFAULT_SEED = 42;

/**
 * The embedded model: a deterministic extractive/heuristic engine behind `ModelAdapterV1`.
 * Same request, same answer. Optional simulated latency and failures come from a seeded
 * PRNG; with neither, a call runs without timers.
 */
export class LocalModel implements ModelAdapterV1 {
  readonly specificationVersion = 'v1' as const;
  readonly provider: string;
  readonly modelId: string;
  private readonly simulator: CallSimulator;
  private readonly chunkDelayMs: number;
  private responses = 0;

  constructor(options: LocalModelOptions = {}) {
    const parsed = parseLocalModelOptions(options);
    this.provider = parsed.provider ?? 'local';
    this.modelId = parsed.modelId ?? 'default';
    this.chunkDelayMs = parsed.streamChunkDelayMs ?? 0;
    this.simulator = new CallSimulator({
      ...(parsed.latencyMs !== undefined ? { latencyMs: parsed.latencyMs } : {}),
      ...(parsed.failureRate !== undefined ? { failureRate: parsed.failureRate } : {}),
      ...(parsed.retryAfterMs !== undefined ? { retryAfterMs: parsed.retryAfterMs } : {}),
      seed: parsed.seed ?? DEFAULT_SEED,
      provider: this.provider,
    });
  }

  async generate(request: ModelRequest, options?: ModelCallOptions): Promise<ModelResult> {
    const signal = options?.signal;
    if (signal?.aborted) throw abortError(signal, this.provider);
    checkRequest(request, this.provider);
    if (!this.simulator.idle) {
      const simulated = this.simulator.next();
      if (simulated.latencyMs > 0) await waitForLatency(simulated.latencyMs, signal, this.provider);
      if (simulated.error) throw simulated.error;
    }
    return this.answer(request);
  }

  stream(request: ModelRequest, options?: ModelCallOptions): AsyncIterable<ModelStreamPart> {
    return this.streamParts(request, options?.signal);
  }

  private async *streamParts(
    request: ModelRequest,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<ModelStreamPart> {
    if (signal?.aborted) throw abortError(signal, this.provider);
    checkRequest(request, this.provider);
    if (!this.simulator.idle) {
      const simulated = this.simulator.next();
      if (simulated.latencyMs > 0) await waitForLatency(simulated.latencyMs, signal, this.provider);
      if (simulated.error) throw simulated.error;
    }
    const result = this.answer(request);
    for (const part of result.content) {
      if (part.type === 'text') {
        for (const delta of splitDeltas(part.text)) {
          if (this.chunkDelayMs > 0) await waitForLatency(this.chunkDelayMs, signal, this.provider);
          if (signal?.aborted) throw abortError(signal, this.provider);
          yield { type: 'text-delta', delta };
        }
      } else if (part.type === 'tool-call') {
        if (signal?.aborted) throw abortError(signal, this.provider);
        yield {
          type: 'tool-call-delta',
          toolCallId: part.toolCallId,
          toolName: part.toolName,
          argumentsDelta: JSON.stringify(part.input),
        };
        yield part;
      }
    }
    yield {
      type: 'finish',
      finishReason: result.finishReason,
      usage: result.usage,
      ...(result.responseId !== undefined ? { responseId: result.responseId } : {}),
      modelId: this.modelId,
      ...(result.providerMetadata !== undefined ? { providerMetadata: result.providerMetadata } : {}),
    };
  }

  private answer(request: ModelRequest): ModelResult {
    const response = generateResponse(request);
    const raw = response.finishReason === 'tool-calls' ? 'tool_calls' : response.finishReason;
    return {
      content: response.content,
      finishReason: { unified: response.finishReason, raw },
      usage: { inputTokens: countRequestTokens(request), outputTokens: countOutputTokens(response.content) },
      responseId: `local-${this.modelId}-${++this.responses}`,
      modelId: this.modelId,
      providerMetadata: { [this.provider]: { intent: response.intent } },
    };
  }
}

/** Creates the embedded local model (see `LocalModelOptions`); `modelId` defaults to `default`. */
export function createLocalModel(options?: LocalModelOptions): ModelAdapterV1 {
  return new LocalModel(options);
}

function checkRequest(request: ModelRequest, provider: string): void {
  if (request === null || typeof request !== 'object' || !Array.isArray(request.messages)) {
    throw new InvalidRequestError('local model: request.messages must be an array of messages', { provider });
  }
  for (const [index, message] of request.messages.entries()) {
    const content = (message as { content?: unknown } | null)?.content;
    const valid =
      message !== null &&
      typeof message === 'object' &&
      (message.role === 'system' ? typeof content === 'string' : Array.isArray(content));
    if (!valid) {
      throw new InvalidRequestError(
        `local model: request.messages[${index}] is not a valid message (role ${JSON.stringify((message as { role?: unknown } | null)?.role)})`,
        { provider },
      );
    }
  }
}
