import { ProviderUnavailableError, RateLimitError } from '@baton/core/contracts';
import { createSeededRandom, type SeededRandom } from './create-seeded-random.js';

/** Latency per call: a fixed number of milliseconds, or a mean with uniform ± jitter. */
export type LatencyOption = number | { meanMs: number; jitterMs?: number };

/** Probability that a call fails: one number (split evenly between the two kinds) or per kind. */
export type FailureRateOption = number | { unavailable?: number; rateLimit?: number };

/** Settings of the simulator. */
export interface CallSimulatorOptions {
  latencyMs?: LatencyOption;
  failureRate?: FailureRateOption;
  retryAfterMs?: number;
  seed: number;
  provider: string;
}

/** What the simulator decided for one call. */
export interface SimulatedCall {
  /** Milliseconds to wait (0: answer without a timer). */
  latencyMs: number;
  /** The error to reject with, when the call is to fail. */
  error: Error | undefined;
}

/**
 * Draws latency and failures for each call from two seeded streams (one each, so turning
 * on latency does not change which calls fail). With no latency and no failure rate it
 * draws nothing and allocates nothing.
 */
export class CallSimulator {
  private readonly latencyRandom: SeededRandom;
  private readonly failureRandom: SeededRandom;
  private readonly meanMs: number;
  private readonly jitterMs: number;
  private readonly unavailable: number;
  private readonly rateLimit: number;
  private readonly retryAfterMs: number | undefined;
  private readonly provider: string;
  private calls = 0;
  /** True when calls need neither a timer nor a draw. */
  readonly idle: boolean;

  constructor(options: CallSimulatorOptions) {
    const latency = options.latencyMs ?? 0;
    this.meanMs = typeof latency === 'number' ? latency : latency.meanMs;
    this.jitterMs = typeof latency === 'number' ? 0 : (latency.jitterMs ?? 0);
    const failure = options.failureRate ?? 0;
    this.unavailable = typeof failure === 'number' ? failure / 2 : (failure.unavailable ?? 0);
    this.rateLimit = typeof failure === 'number' ? failure / 2 : (failure.rateLimit ?? 0);
    this.retryAfterMs = options.retryAfterMs;
    this.provider = options.provider;
    this.latencyRandom = createSeededRandom(options.seed);
    this.failureRandom = createSeededRandom(options.seed ^ 0x9e3779b9);
    this.idle = this.meanMs === 0 && this.jitterMs === 0 && this.unavailable === 0 && this.rateLimit === 0;
  }

  /** Draws the next call's latency and fate. */
  next(): SimulatedCall {
    const call = ++this.calls;
    let latencyMs = this.meanMs;
    if (this.jitterMs > 0)
      latencyMs = Math.max(0, this.meanMs + (this.latencyRandom.next() * 2 - 1) * this.jitterMs);
    let error: Error | undefined;
    if (this.unavailable > 0 || this.rateLimit > 0) {
      const draw = this.failureRandom.next();
      if (draw < this.rateLimit) {
        error = new RateLimitError(`local model: simulated rate limit (call ${call})`, {
          provider: this.provider,
          status: 429,
          type: 'simulated_rate_limit',
          ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
        });
      } else if (draw < this.rateLimit + this.unavailable) {
        error = new ProviderUnavailableError(`local model: simulated outage (call ${call})`, {
          provider: this.provider,
          status: 503,
          type: 'simulated_unavailable',
        });
      }
    }
    return { latencyMs, error };
  }
}
