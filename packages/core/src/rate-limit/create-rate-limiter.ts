import type { RateLimitInfo } from '../contracts/model/v1/rate-limit-info.js';
import { CancelledError } from '../errors/cancelled-error.js';
import { ValidationError } from '../errors/validation-error.js';
import type { CancellationSignal } from '../runtime/task-cancellation.js';
import { type CancelTimer, type Clock, realClock } from '../scheduler/clock.js';

/** Limits of one provider model. Leave a field out for no limit. */
export interface RateLimit {
  /** Requests per minute. */
  rpm?: number;
  /** Tokens (input + output) per minute. */
  tpm?: number;
  /** How far token use may run ahead of its even pace (ms of tokens). Default 1 000. */
  burstMs?: number;
}

/** Options of `createRateLimiter`. */
export interface RateLimiterOptions {
  /** Limits per `provider:model` key, e.g. `{ 'openai:gpt-5.5': { rpm: 600, tpm: 100_000 } }`. */
  limits?: Readonly<Record<string, RateLimit>>;
  /** Time source (default the real clock); waits use its one shared timer. */
  clock?: Clock;
  /** Pause after a 429 that gave no retry hint. Default 1 000 ms. */
  defaultRetryAfterMs?: number;
}

/** What a provider call reported back, for `observe`. */
export interface RateLimitObservation {
  /** The provider's rate-limit headers. */
  rateLimit?: RateLimitInfo;
  /** A 429's retry hint (`RateLimitError.retryAfterMs`). */
  retryAfterMs?: number;
  /** Tokens the call actually used. */
  usedTokens?: number;
}

/** Token buckets per provider model: `acquire` before a call, `observe` after it. */
export interface TokenBucketRateLimiter {
  /** Returns at once (undefined) when a call of `tokens` may start now, else a promise that resolves when it may. */
  acquire(key: string, tokens: number, signal?: CancellationSignal): void | Promise<void>;
  /** Feeds back the provider's rate-limit headers or a 429 (pauses the bucket for `retryAfterMs`). */
  observe(key: string, observation: RateLimitObservation): void;
  /** Calls waiting for a key. */
  waiting(key: string): number;
}

const WINDOW_MS = 60_000;

interface Waiter {
  tokens: number;
  resolve: () => void;
  reject: (error: unknown) => void;
  signal: CancellationSignal | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * One provider model's limits. Requests are spaced evenly (60 000 / rpm ms apart); tokens
 * follow a GCRA bucket that may run `burstMs` ahead of its pace; and a 60-second sliding
 * window guarantees no minute ever holds more than rpm requests or tpm tokens.
 */
class Bucket {
  rpm = Number.POSITIVE_INFINITY;
  tpm = Number.POSITIVE_INFINITY;
  burstMs = 1000;
  nextRequestAt = Number.NEGATIVE_INFINITY;
  tokenPaceAt = Number.NEGATIVE_INFINITY;
  pausedUntil = Number.NEGATIVE_INFINITY;
  // The provider's own count, from headers: blocks at zero until its reset.
  providerRequestsLeft = Number.POSITIVE_INFINITY;
  providerRequestsResetAt = Number.NEGATIVE_INFINITY;
  providerTokensLeft = Number.POSITIVE_INFINITY;
  providerTokensResetAt = Number.NEGATIVE_INFINITY;
  // Sliding window of admitted calls (start time, tokens), oldest first.
  times: number[] = [];
  amounts: number[] = [];
  head = 0;
  windowTokens = 0;
  readonly queue: Waiter[] = [];
  queueHead = 0;
  timer: CancelTimer | undefined;
  timerAt = Number.POSITIVE_INFINITY;

  configure(limit: RateLimit): void {
    if (limit.rpm !== undefined) this.rpm = limit.rpm;
    if (limit.tpm !== undefined) this.tpm = limit.tpm;
    if (limit.burstMs !== undefined) this.burstMs = limit.burstMs;
  }

  private evict(now: number): void {
    const edge = now - WINDOW_MS;
    while (this.head < this.times.length && this.times[this.head]! <= edge) {
      this.windowTokens -= this.amounts[this.head]!;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.amounts = this.amounts.slice(this.head);
      this.head = 0;
    }
  }

  /** The earliest time a call of `tokens` may start (≤ now means now). */
  earliest(now: number, tokens: number): number {
    this.evict(now);
    let at = Math.max(this.pausedUntil, this.nextRequestAt, this.tokenPaceAt - this.burstMs);
    if (this.providerRequestsLeft <= 0 && now < this.providerRequestsResetAt)
      at = Math.max(at, this.providerRequestsResetAt);
    if (this.providerTokensLeft < tokens && now < this.providerTokensResetAt)
      at = Math.max(at, this.providerTokensResetAt);
    const count = this.times.length - this.head;
    if (count >= this.rpm)
      at = Math.max(at, this.times[this.head + count - Math.floor(this.rpm)]! + WINDOW_MS);
    // A call larger than the whole per-minute allowance goes alone in an empty window.
    const need = Math.min(tokens, this.tpm);
    if (this.windowTokens + need > this.tpm) {
      let free = this.tpm - this.windowTokens;
      for (let i = this.head; i < this.times.length; i++) {
        free += this.amounts[i]!;
        if (free >= need) {
          at = Math.max(at, this.times[i]! + WINDOW_MS);
          break;
        }
      }
    }
    return at;
  }

  admit(now: number, tokens: number): void {
    if (this.rpm !== Number.POSITIVE_INFINITY)
      this.nextRequestAt = Math.max(now, this.nextRequestAt) + WINDOW_MS / this.rpm;
    if (this.tpm !== Number.POSITIVE_INFINITY)
      this.tokenPaceAt =
        Math.max(now, this.tokenPaceAt) + (Math.min(tokens, this.tpm) * WINDOW_MS) / this.tpm;
    if (now < this.providerRequestsResetAt) this.providerRequestsLeft--;
    if (now < this.providerTokensResetAt) this.providerTokensLeft -= tokens;
    this.times.push(now);
    this.amounts.push(tokens);
    this.windowTokens += tokens;
  }
}

class RateLimiterImpl implements TokenBucketRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly clock: Clock;
  private readonly defaultRetryAfterMs: number;

  constructor(options: RateLimiterOptions) {
    this.clock = options.clock ?? realClock();
    this.defaultRetryAfterMs = options.defaultRetryAfterMs ?? 1000;
    for (const [key, limit] of Object.entries(options.limits ?? {})) {
      for (const field of ['rpm', 'tpm'] as const) {
        const value = limit[field];
        if (value !== undefined && !(value > 0))
          throw new ValidationError(`rate limit ${key}.${field} must be positive, got ${value}`);
      }
      const bucket = new Bucket();
      bucket.configure(limit);
      this.buckets.set(key, bucket);
    }
  }

  waiting(key: string): number {
    const bucket = this.buckets.get(key);
    return bucket === undefined ? 0 : bucket.queue.length - bucket.queueHead;
  }

  acquire(key: string, tokens: number, signal?: CancellationSignal): void | Promise<void> {
    const bucket = this.buckets.get(key);
    if (bucket === undefined) return;
    if (signal?.aborted)
      return Promise.reject(new CancelledError(`rate-limited call to ${key} was cancelled`));
    const amount = Math.max(0, tokens);
    const now = this.clock.now();
    if (bucket.queue.length === bucket.queueHead && bucket.earliest(now, amount) <= now) {
      bucket.admit(now, amount);
      return;
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { tokens: amount, resolve, reject, signal, onAbort: undefined };
      if (signal !== undefined) {
        waiter.onAbort = () => {
          const i = bucket.queue.indexOf(waiter, bucket.queueHead);
          if (i >= 0) bucket.queue.splice(i, 1);
          reject(new CancelledError(`rate-limited call to ${key} was cancelled while waiting`));
          this.drain(bucket);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      bucket.queue.push(waiter);
      this.drain(bucket);
    });
  }

  /** Admits waiting calls in order while they fit, then arms the bucket's one timer for the next. */
  private drain(bucket: Bucket): void {
    const now = this.clock.now();
    while (bucket.queueHead < bucket.queue.length) {
      const waiter = bucket.queue[bucket.queueHead]!;
      const at = bucket.earliest(now, waiter.tokens);
      if (at > now) {
        if (bucket.timer === undefined || at < bucket.timerAt) {
          bucket.timer?.();
          bucket.timerAt = at;
          bucket.timer = this.clock.schedule(at, () => {
            bucket.timer = undefined;
            bucket.timerAt = Number.POSITIVE_INFINITY;
            this.drain(bucket);
          });
        }
        return;
      }
      bucket.queueHead++;
      bucket.admit(now, waiter.tokens);
      if (waiter.onAbort !== undefined) waiter.signal!.removeEventListener('abort', waiter.onAbort);
      waiter.resolve();
    }
    bucket.queue.length = 0;
    bucket.queueHead = 0;
  }

  observe(key: string, observation: RateLimitObservation): void {
    let bucket = this.buckets.get(key);
    const now = this.clock.now();
    const info = observation.rateLimit;
    if (bucket === undefined) {
      if (observation.retryAfterMs === undefined && info === undefined) return;
      bucket = new Bucket();
      this.buckets.set(key, bucket);
    }
    // A 429 reports `retryAfterMs`, or nothing at all when the provider gave no hint.
    if (
      observation.retryAfterMs !== undefined ||
      (info === undefined && observation.usedTokens === undefined)
    ) {
      bucket.pausedUntil = Math.max(
        bucket.pausedUntil,
        now + (observation.retryAfterMs ?? this.defaultRetryAfterMs),
      );
    }
    if (info !== undefined) {
      // The provider's limits are authoritative when tighter than ours (headers are per minute).
      if (info.limitRequests !== undefined && info.limitRequests > 0 && info.limitRequests < bucket.rpm)
        bucket.rpm = info.limitRequests;
      if (info.limitTokens !== undefined && info.limitTokens > 0 && info.limitTokens < bucket.tpm)
        bucket.tpm = info.limitTokens;
      if (info.remainingRequests !== undefined) {
        bucket.providerRequestsLeft = info.remainingRequests;
        bucket.providerRequestsResetAt = now + (info.resetRequestsMs ?? WINDOW_MS);
      }
      if (info.remainingTokens !== undefined) {
        bucket.providerTokensLeft = info.remainingTokens;
        bucket.providerTokensResetAt = now + (info.resetTokensMs ?? WINDOW_MS);
      }
    }
    if (bucket.queue.length > bucket.queueHead) {
      // The limits moved: re-plan the wake-up.
      bucket.timer?.();
      bucket.timer = undefined;
      bucket.timerAt = Number.POSITIVE_INFINITY;
      this.drain(bucket);
    }
  }
}

/**
 * Creates rate limits per provider model. A call first `acquire`s (returns at once when it
 * fits; otherwise waits in order on one shared clock timer per bucket, never a timer per
 * call); afterwards `observe` feeds back the provider's rate-limit headers and 429s.
 */
export function createRateLimiter(options: RateLimiterOptions = {}): TokenBucketRateLimiter {
  return new RateLimiterImpl(options);
}
