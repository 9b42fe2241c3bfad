import type { ModelAdapter, ModelCallOptions } from '../contracts/model/v1/model-adapter.js';
import type { ModelRequest } from '../contracts/model/v1/model-request.js';
import type { ModelResult } from '../contracts/model/v1/model-result.js';
import type { ModelStreamPart } from '../contracts/model/v1/stream-part.js';
import { BatonError } from '../errors/baton-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { continueStream, firstPart } from './stream-attempt.js';

/** What `onFallback` hears (the orchestrator turns it into a `fallback-used` event). */
export interface FallbackInfo {
  /** `provider:modelId` that failed. */
  from: string;
  /** `provider:modelId` tried next. */
  to: string;
  /** Why. */
  error: unknown;
}

/** Options for `fallback`. */
export interface FallbackOptions {
  /** Called each time the chain moves on. */
  onFallback?: (info: FallbackInfo) => void;
  /**
   * Which failures move to the next model (default: retryable errors, which reach here only
   * once the inner retries are spent, plus provider outages such as an open circuit and
   * authentication failures, i.e. a misconfigured provider). Cancellation never falls back.
   */
  shouldFallback?: (error: unknown) => boolean;
}

const defaultShouldFallback = (error: unknown) =>
  BatonError.isInstance(error) &&
  error.code !== 'cancelled' &&
  (error.retryable || error.code === 'provider_unavailable' || error.code === 'authentication');

const nameOf = (adapter: ModelAdapter) => `${adapter.provider}:${adapter.modelId}`;

/**
 * Tries each adapter in order, moving to the next when one fails (typically after its own
 * `withRetry` gave up) and reporting each move through `onFallback`. Reports the first
 * adapter's provider and model id. A stream moves on only before anything was delivered.
 * The last adapter's error is thrown when every one failed.
 */
export function fallback(adapters: ModelAdapter[], options: FallbackOptions = {}): ModelAdapter {
  const first = adapters[0];
  if (!first) throw new ValidationError('fallback needs at least one model adapter');
  const shouldFallback = options.shouldFallback ?? defaultShouldFallback;
  const moveOn = (index: number, error: unknown, signal?: AbortSignal): boolean => {
    const next = adapters[index + 1];
    if (!next || signal?.aborted || !shouldFallback(error)) return false;
    options.onFallback?.({ from: nameOf(adapters[index]!), to: nameOf(next), error });
    return true;
  };

  return {
    specificationVersion: 'v1',
    provider: first.provider,
    modelId: first.modelId,
    async generate(request: ModelRequest, callOptions: ModelCallOptions = {}): Promise<ModelResult> {
      for (let index = 0; ; index++) {
        try {
          return await adapters[index]!.generate(request, callOptions);
        } catch (error) {
          if (!moveOn(index, error, callOptions.signal)) throw error;
        }
      }
    },
    async *stream(
      request: ModelRequest,
      callOptions: ModelCallOptions = {},
    ): AsyncGenerator<ModelStreamPart> {
      for (let index = 0; ; index++) {
        const started = await firstPart(() => adapters[index]!.stream(request, callOptions));
        if (started.kind === 'empty') return;
        if (started.kind === 'part') {
          yield* continueStream(started.part, started.iterator);
          return;
        }
        if (!moveOn(index, started.error, callOptions.signal)) throw started.error;
      }
    },
  };
}
