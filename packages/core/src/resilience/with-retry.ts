import type { ModelAdapter, ModelCallOptions } from '../contracts/model/v1/model-adapter.js';
import type { ModelRequest } from '../contracts/model/v1/model-request.js';
import type { ModelResult } from '../contracts/model/v1/model-result.js';
import type { ModelStreamPart } from '../contracts/model/v1/stream-part.js';
import { BatonError } from '../errors/baton-error.js';
import { abortableSleep } from './abortable-sleep.js';
import { fullJitterDelayMs, retryAfterMsOf } from './retry-delay.js';
import { continueStream, firstPart } from './stream-attempt.js';

/** What `onRetry` hears before each wait (the orchestrator turns it into a `retry-scheduled` event). */
export interface RetryInfo {
  /** The retry about to happen: 1 for the first retry. */
  attempt: number;
  /** How long Baton waits before it. */
  delayMs: number;
  /** The failure being retried. */
  error: BatonError;
  /** `provider:modelId` of the adapter. */
  model: string;
  /** Whether the delay is the server's own `retry-after` hint. */
  fromRetryAfter: boolean;
}

/** Options for `withRetry`. */
export interface RetryOptions {
  /** Retries after the first attempt (default 2). */
  maxRetries?: number;
  /** Backoff base (default 500 ms). */
  baseDelayMs?: number;
  /** Backoff ceiling (default 8 s). */
  maxDelayMs?: number;
  /** A server hint above this is not waited for: the error is returned at once (default 60 s). */
  maxRetryAfterMs?: number;
  /** Uniform random in [0, 1) for the jitter (inject for tests). */
  random?: () => number;
  /** Waits (inject a fake for tests; must reject with `CancelledError` when the signal aborts). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Which failures to retry (default: `BatonError`s marked `retryable`). */
  shouldRetry?: (error: unknown) => boolean;
  /** Called before each wait. */
  onRetry?: (info: RetryInfo) => void;
}

const isRetryable = (error: unknown) => BatonError.isInstance(error) && error.retryable;

/**
 * Wraps an adapter so retryable failures (rate limits, 5xx, timeouts, cut connections) are
 * retried with exponential backoff and full jitter, waiting exactly the server's
 * `retry-after` when it gives one. A stream is retried only while nothing has been
 * delivered to the caller; once a part is out, failures pass through untouched.
 */
export function withRetry(adapter: ModelAdapter, options: RetryOptions = {}): ModelAdapter {
  const maxRetries = options.maxRetries ?? 2;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 8000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? abortableSleep;
  const shouldRetry = options.shouldRetry ?? isRetryable;
  const model = `${adapter.provider}:${adapter.modelId}`;

  /** The delay before retry number `attempt` (1-based), or undefined to give up. */
  const delayFor = (error: unknown, attempt: number, signal?: AbortSignal): number | undefined => {
    if (attempt > maxRetries || signal?.aborted || !shouldRetry(error)) return undefined;
    const hint = retryAfterMsOf(error);
    if (hint !== undefined && hint > maxRetryAfterMs) return undefined;
    const delayMs = hint ?? fullJitterDelayMs(attempt - 1, baseDelayMs, maxDelayMs, random);
    options.onRetry?.({
      attempt,
      delayMs,
      error: error as BatonError,
      model,
      fromRetryAfter: hint !== undefined,
    });
    return delayMs;
  };

  const wrapped: ModelAdapter & { origin?: string } = {
    specificationVersion: 'v1',
    provider: adapter.provider,
    modelId: adapter.modelId,
    async generate(request: ModelRequest, callOptions: ModelCallOptions = {}): Promise<ModelResult> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await adapter.generate(request, callOptions);
        } catch (error) {
          const delayMs = delayFor(error, attempt, callOptions.signal);
          if (delayMs === undefined) throw error;
          await sleep(delayMs, callOptions.signal);
        }
      }
    },
    async *stream(
      request: ModelRequest,
      callOptions: ModelCallOptions = {},
    ): AsyncGenerator<ModelStreamPart> {
      for (let attempt = 1; ; attempt++) {
        const first = await firstPart(() => adapter.stream(request, callOptions));
        if (first.kind === 'empty') return;
        if (first.kind === 'part') {
          yield* continueStream(first.part, first.iterator);
          return;
        }
        const delayMs = delayFor(first.error, attempt, callOptions.signal);
        if (delayMs === undefined) throw first.error;
        await sleep(delayMs, callOptions.signal);
      }
    },
  };
  // Keep the inner adapter's origin visible, so breakers key on it whatever the wrapping order.
  const origin = (adapter as { origin?: unknown }).origin;
  if (typeof origin === 'string') wrapped.origin = origin;
  return wrapped;
}
