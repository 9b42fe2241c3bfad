import type { ModelAdapter, ModelCallOptions } from '../contracts/model/v1/model-adapter.js';
import type { ModelRequest } from '../contracts/model/v1/model-request.js';
import type { ModelResult } from '../contracts/model/v1/model-result.js';
import type { ModelStreamPart } from '../contracts/model/v1/stream-part.js';
import { BatonError } from '../errors/baton-error.js';
import { ProviderUnavailableError } from '../errors/provider-unavailable-error.js';
import { continueStream, firstPart } from './stream-attempt.js';

/** A breaker's state. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** One breaker, shared by every adapter with the same key. */
export interface CircuitBreaker {
  readonly key: string;
  state: CircuitState;
  /** Consecutive failures while closed. */
  failures: number;
  /** When the breaker last opened (ms, from `now`). */
  openedAt: number;
  /** A half-open trial call is in flight. */
  trialInFlight: boolean;
}

/** Options for `withCircuitBreaker`. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit (default 5). */
  failureThreshold?: number;
  /** How long the circuit stays open before one trial call is let through (default 30 s). */
  resetAfterMs?: number;
  /**
   * Breaker key (default: the adapter's `origin` when it exposes one, such as
   * `https://api.openai.com`, else its provider name). Adapters with the same key share a breaker.
   */
  key?: string;
  /** Clock (inject for tests). */
  now?: () => number;
  /** Where breakers live (default: one process-wide map, so one breaker per origin). */
  breakers?: Map<string, CircuitBreaker>;
  /** Which failures count (default: retryable `BatonError`s — outages, not bad requests). */
  isFailure?: (error: unknown) => boolean;
  /** Called on each state change. */
  onStateChange?: (key: string, from: CircuitState, to: CircuitState) => void;
}

const sharedBreakers = new Map<string, CircuitBreaker>();

/** The default breaker key for an adapter: its `origin` when it exposes one, else its provider. */
export function circuitKeyOf(adapter: ModelAdapter): string {
  const origin = (adapter as { origin?: unknown }).origin;
  return typeof origin === 'string' && origin !== '' ? origin : adapter.provider;
}

/**
 * Wraps an adapter with a circuit breaker: after `failureThreshold` consecutive outage-type
 * failures against one origin, calls fail fast with a non-retryable
 * `ProviderUnavailableError` (provider code `circuit_open`) for `resetAfterMs`; then one
 * trial call decides whether the circuit closes again.
 */
export function withCircuitBreaker(adapter: ModelAdapter, options: CircuitBreakerOptions = {}): ModelAdapter {
  const failureThreshold = options.failureThreshold ?? 5;
  const resetAfterMs = options.resetAfterMs ?? 30_000;
  const now = options.now ?? Date.now;
  const breakers = options.breakers ?? sharedBreakers;
  const key = options.key ?? circuitKeyOf(adapter);
  const isFailure =
    options.isFailure ?? ((error: unknown) => BatonError.isInstance(error) && error.retryable);

  const breaker = (): CircuitBreaker => {
    let existing = breakers.get(key);
    if (!existing) {
      existing = { key, state: 'closed', failures: 0, openedAt: 0, trialInFlight: false };
      breakers.set(key, existing);
    }
    return existing;
  };
  const move = (b: CircuitBreaker, to: CircuitState) => {
    if (b.state === to) return;
    const from = b.state;
    b.state = to;
    options.onStateChange?.(key, from, to);
  };
  /** Whether this call may go through; marks a half-open trial. */
  const admit = (): boolean => {
    const b = breaker();
    if (b.state === 'closed') return true;
    if (b.state === 'open' && now() - b.openedAt >= resetAfterMs) move(b, 'half-open');
    if (b.state === 'half-open' && !b.trialInFlight) {
      b.trialInFlight = true;
      return true;
    }
    return false;
  };
  const succeeded = () => {
    const b = breaker();
    b.failures = 0;
    b.trialInFlight = false;
    move(b, 'closed');
  };
  const failed = (error: unknown) => {
    const b = breaker();
    const wasTrial = b.trialInFlight;
    b.trialInFlight = false;
    if (!isFailure(error)) {
      // The origin answered (e.g. a 400): it is up.
      b.failures = 0;
      move(b, 'closed');
      return;
    }
    b.failures++;
    if (wasTrial || b.failures >= failureThreshold) {
      b.openedAt = now();
      move(b, 'open');
    }
  };
  const rejection = () => {
    const b = breaker();
    const waitMs = Math.max(0, b.openedAt + resetAfterMs - now());
    return new ProviderUnavailableError(
      `circuit open for ${key} after ${b.failures} consecutive failures; next trial in ${waitMs} ms`,
      { provider: adapter.provider, code: 'circuit_open', retryable: false },
    );
  };

  const wrapped: ModelAdapter & { origin?: string } = {
    specificationVersion: 'v1',
    provider: adapter.provider,
    modelId: adapter.modelId,
    async generate(request: ModelRequest, callOptions?: ModelCallOptions): Promise<ModelResult> {
      if (!admit()) throw rejection();
      try {
        const result = await adapter.generate(request, callOptions);
        succeeded();
        return result;
      } catch (error) {
        failed(error);
        throw error;
      }
    },
    async *stream(request: ModelRequest, callOptions?: ModelCallOptions): AsyncGenerator<ModelStreamPart> {
      if (!admit()) throw rejection();
      const first = await firstPart(() => adapter.stream(request, callOptions));
      if (first.kind === 'failed') {
        failed(first.error);
        throw first.error;
      }
      if (first.kind === 'empty') {
        succeeded();
        return;
      }
      // The origin answered: that is what the breaker tracks, whatever happens later in the stream.
      succeeded();
      yield* continueStream(first.part, first.iterator);
    },
  };
  // Keep the inner adapter's origin visible, so breakers key on it whatever the wrapping order.
  const origin = (adapter as { origin?: unknown }).origin;
  if (typeof origin === 'string') wrapped.origin = origin;
  return wrapped;
}
