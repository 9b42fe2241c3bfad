import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/errors/cancelled-error.js';
import { createRateLimiter } from '../../src/rate-limit/create-rate-limiter.js';
import { createSimulatedClock, type SimulatedClock } from '../../src/scheduler/clock.js';

/** Starts `calls` acquires and plays the clock; returns when each was admitted. */
async function admitted(
  clock: SimulatedClock,
  start: (i: number) => void | Promise<void>,
  calls: number,
): Promise<number[]> {
  const times: number[] = new Array(calls);
  for (let i = 0; i < calls; i++) {
    const waiting = start(i);
    if (waiting === undefined) times[i] = clock.now();
    else
      void waiting.then(
        () => {
          times[i] = clock.now();
        },
        () => {
          times[i] = Number.NaN;
        },
      );
  }
  do {
    await Promise.resolve();
    await Promise.resolve();
  } while (clock.runNext());
  await Promise.resolve();
  return times;
}

describe('createRateLimiter', () => {
  it('admits at once and synchronously when there is room, and ignores keys without limits', () => {
    const limiter = createRateLimiter({
      limits: { 'openai:gpt-5.5': { rpm: 60 } },
      clock: createSimulatedClock(),
    });
    expect(limiter.acquire('openai:gpt-5.5', 10)).toBeUndefined();
    expect(limiter.acquire('other:model', 1e9)).toBeUndefined();
  });

  it('spaces requests evenly at the requests-per-minute pace', async () => {
    const clock = createSimulatedClock();
    const limiter = createRateLimiter({ limits: { 'p:m': { rpm: 60 } }, clock });
    const times = await admitted(clock, () => limiter.acquire('p:m', 1), 5);
    expect(times).toEqual([0, 1000, 2000, 3000, 4000]);
  });

  it('never lets a minute hold more than rpm requests or tpm tokens', async () => {
    const clock = createSimulatedClock();
    const limiter = createRateLimiter({ limits: { 'p:m': { rpm: 120, tpm: 6000 } }, clock });
    const sizes = Array.from({ length: 400 }, (_, i) => 10 + ((i * 37) % 90));
    const times = await admitted(clock, (i) => limiter.acquire('p:m', sizes[i]!), sizes.length);
    for (let i = 0; i < times.length; i++) {
      let count = 0;
      let tokens = 0;
      for (let j = i; j < times.length && times[j]! < times[i]! + 60_000; j++) {
        count++;
        tokens += sizes[j]!;
      }
      expect(count).toBeLessThanOrEqual(120);
      expect(tokens).toBeLessThanOrEqual(6000);
    }
    // Admission stays in arrival order.
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('holds a big call until the token window has room for it', async () => {
    const clock = createSimulatedClock();
    const limiter = createRateLimiter({ limits: { 'p:m': { tpm: 1000, burstMs: 60_000 } }, clock });
    const times = await admitted(clock, (i) => limiter.acquire('p:m', i === 0 ? 900 : 200), 2);
    expect(times).toEqual([0, 60_000]);
  });

  it('pauses the bucket after a 429 for its retry hint (or the default)', async () => {
    const clock = createSimulatedClock();
    const limiter = createRateLimiter({ limits: { 'p:m': { rpm: 6000 } }, clock, defaultRetryAfterMs: 300 });
    limiter.observe('p:m', { retryAfterMs: 2500 });
    expect(await admitted(clock, () => limiter.acquire('p:m', 1), 1)).toEqual([2500]);
    limiter.observe('p:m', {});
    expect(await admitted(clock, () => limiter.acquire('p:m', 1), 1)).toEqual([2800]);
  });

  it('learns a bucket for an unconfigured key from a 429', async () => {
    const clock = createSimulatedClock();
    const limiter = createRateLimiter({ clock });
    limiter.observe('q:m', { retryAfterMs: 700 });
    expect(await admitted(clock, () => limiter.acquire('q:m', 1), 1)).toEqual([700]);
  });

  it('follows the provider’s rate-limit headers: remaining, reset and a tighter limit', async () => {
    const clock = createSimulatedClock();
    const limiter = createRateLimiter({ limits: { 'p:m': { rpm: 6000, tpm: 1e9 } }, clock });
    limiter.observe('p:m', { rateLimit: { remainingRequests: 1, resetRequestsMs: 5000 }, usedTokens: 5 });
    const first = await admitted(clock, () => limiter.acquire('p:m', 1), 2);
    expect(first).toEqual([0, 5000]);
    limiter.observe('p:m', { rateLimit: { limitRequests: 60 }, usedTokens: 1 });
    const later = await admitted(clock, () => limiter.acquire('p:m', 1), 2);
    expect(later[1]! - later[0]!).toBe(1000);
    limiter.observe('p:m', { rateLimit: { remainingTokens: 10, resetTokensMs: 3000 }, usedTokens: 1 });
    const start = clock.now();
    const tokens = await admitted(clock, () => limiter.acquire('p:m', 50), 1);
    expect(tokens[0]).toBe(start + 3000);
  });

  it('removes a cancelled waiter at once and lets the next one go', async () => {
    const clock = createSimulatedClock();
    const limiter = createRateLimiter({ limits: { 'p:m': { rpm: 60 } }, clock });
    limiter.acquire('p:m', 1);
    const controller = new AbortController();
    const cancelled = limiter.acquire('p:m', 1, controller.signal);
    const next = limiter.acquire('p:m', 1);
    expect(limiter.waiting('p:m')).toBe(2);
    controller.abort();
    await expect(cancelled).rejects.toSatisfy((e: unknown) => CancelledError.isInstance(e));
    expect(limiter.waiting('p:m')).toBe(1);
    clock.run();
    await next;
    expect(clock.now()).toBe(1000);
    await expect(limiter.acquire('p:m', 1, AbortSignal.abort())).rejects.toSatisfy((e: unknown) =>
      CancelledError.isInstance(e),
    );
  });

  it('keeps one pending clock callback per bucket however many calls wait', () => {
    const clock = createSimulatedClock();
    const limiter = createRateLimiter({ limits: { 'p:m': { rpm: 60 } }, clock });
    for (let i = 0; i < 1000; i++) void limiter.acquire('p:m', 1);
    expect(limiter.waiting('p:m')).toBe(999);
    expect(clock.pending).toBe(1);
  });

  it('rejects a non-positive limit', () => {
    expect(() => createRateLimiter({ limits: { 'p:m': { rpm: 0 } } })).toThrow(/p:m.rpm must be positive/);
  });
});
