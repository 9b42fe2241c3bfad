import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  CancelledError,
  InvalidRequestError,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
} from '../../src/contracts/index.js';
import { fullJitterDelayMs, retryAfterMsOf } from '../../src/resilience/retry-delay.js';
import { type RetryInfo, withRetry } from '../../src/resilience/with-retry.js';
import { drain, fakeAdapter } from './fake-adapter.js';

function recorder() {
  const sleeps: number[] = [];
  const retries: RetryInfo[] = [];
  return {
    sleeps,
    retries,
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
    onRetry: (info: RetryInfo) => retries.push(info),
  };
}

const unavailable = () => new ProviderUnavailableError('503', { status: 503 });

describe('withRetry', () => {
  it('retries retryable failures and returns the eventual result', async () => {
    const inner = fakeAdapter([{ fail: unavailable() }, { fail: new TimeoutError('t') }, { ok: 'done' }]);
    const r = recorder();
    const adapter = withRetry(inner, {
      sleep: r.sleep,
      onRetry: r.onRetry,
      random: () => 0.5,
      baseDelayMs: 100,
    });
    const result = await adapter.generate({ messages: [] });
    expect(result.content).toEqual([{ type: 'text', text: 'done' }]);
    expect(inner.calls).toBe(3);
    // Full jitter: random * min(max, base * 2^attempt) → 0.5*100, 0.5*200.
    expect(r.sleeps).toEqual([50, 100]);
    expect(r.retries.map((info) => [info.attempt, info.delayMs, info.model, info.fromRetryAfter])).toEqual([
      [1, 50, 'fake:model', false],
      [2, 100, 'fake:model', false],
    ]);
  });

  it('honours RateLimitError.retryAfterMs exactly', async () => {
    const inner = fakeAdapter([{ fail: new RateLimitError('429', { retryAfterMs: 2000 }) }, { ok: 'ok' }]);
    const r = recorder();
    await withRetry(inner, { sleep: r.sleep, onRetry: r.onRetry, random: () => 0.99 }).generate({
      messages: [],
    });
    expect(r.sleeps).toEqual([2000]);
    expect(r.retries[0]?.fromRetryAfter).toBe(true);
  });

  it('honours a retry-after header on a 503', async () => {
    const error = new ProviderUnavailableError('503', { status: 503, headers: { 'retry-after': '3' } });
    const inner = fakeAdapter([{ fail: error }, { ok: 'ok' }]);
    const r = recorder();
    await withRetry(inner, { sleep: r.sleep }).generate({ messages: [] });
    expect(r.sleeps).toEqual([3000]);
  });

  it('gives up at once when the server asks for a wait above maxRetryAfterMs', async () => {
    const error = new RateLimitError('429', { retryAfterMs: 3_600_000 });
    const inner = fakeAdapter([{ fail: error }]);
    const r = recorder();
    await expect(withRetry(inner, { sleep: r.sleep }).generate({ messages: [] })).rejects.toBe(error);
    expect(r.sleeps).toEqual([]);
  });

  it.each([
    ['400', new InvalidRequestError('bad', { status: 400 })],
    ['401', new AuthenticationError('no', { status: 401 })],
    ['cancelled', new CancelledError('stop')],
    ['plain error', new Error('bug')],
  ])('never retries %s', async (_name, error) => {
    const inner = fakeAdapter([{ fail: error }, { ok: 'unused' }]);
    const r = recorder();
    await expect(withRetry(inner, { sleep: r.sleep }).generate({ messages: [] })).rejects.toBe(error);
    expect(inner.calls).toBe(1);
  });

  it('stops after maxRetries and throws the last error', async () => {
    const last = unavailable();
    const inner = fakeAdapter([
      { fail: unavailable() },
      { fail: unavailable() },
      { fail: last },
      { ok: 'unused' },
    ]);
    const r = recorder();
    await expect(withRetry(inner, { sleep: r.sleep }).generate({ messages: [] })).rejects.toBe(last);
    expect(inner.calls).toBe(3);
    expect(r.sleeps).toHaveLength(2);
  });

  it('maxRetries 0 disables retries', async () => {
    const inner = fakeAdapter([{ fail: unavailable() }]);
    await expect(withRetry(inner, { maxRetries: 0 }).generate({ messages: [] })).rejects.toBeInstanceOf(
      Error,
    );
    expect(inner.calls).toBe(1);
  });

  it('an abort during the wait rejects with CancelledError and makes no further call', async () => {
    const controller = new AbortController();
    const inner = fakeAdapter([{ fail: unavailable() }, { ok: 'unused' }]);
    const adapter = withRetry(inner, {
      sleep: async (_ms, signal) => {
        controller.abort();
        if (signal?.aborted) throw new CancelledError('cancelled');
      },
    });
    const error = await adapter
      .generate({ messages: [] }, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(CancelledError.isInstance(error)).toBe(true);
    expect(inner.calls).toBe(1);
  });

  it('retries a stream that failed before its first part', async () => {
    const inner = fakeAdapter([
      { fail: unavailable() },
      { parts: [{ type: 'error', error: unavailable() }] },
      { ok: 'streamed' },
    ]);
    const r = recorder();
    const { parts, error } = await drain(
      withRetry(inner, { sleep: r.sleep, random: () => 0 }).stream({ messages: [] }),
    );
    expect(error).toBeUndefined();
    expect(parts.map((part) => part.type)).toEqual(['text-delta', 'finish']);
    expect(inner.calls).toBe(3);
  });

  it('never retries a stream after a part was delivered', async () => {
    const cut = unavailable();
    const inner = fakeAdapter([
      { parts: [{ type: 'text-delta', delta: 'Hel' }], throwAfter: cut },
      { ok: 'unused' },
    ]);
    const r = recorder();
    const { parts, error } = await drain(withRetry(inner, { sleep: r.sleep }).stream({ messages: [] }));
    expect(parts).toEqual([{ type: 'text-delta', delta: 'Hel' }]);
    expect(error).toBe(cut);
    expect(inner.calls).toBe(1);
    expect(r.sleeps).toEqual([]);
  });

  it('passes an in-stream error part through after delivery', async () => {
    const cut = unavailable();
    const inner = fakeAdapter([
      {
        parts: [
          { type: 'text-delta', delta: 'a' },
          { type: 'error', error: cut },
        ],
      },
      { ok: 'unused' },
    ]);
    const { parts } = await drain(withRetry(inner, { sleep: async () => {} }).stream({ messages: [] }));
    expect(parts).toEqual([
      { type: 'text-delta', delta: 'a' },
      { type: 'error', error: cut },
    ]);
    expect(inner.calls).toBe(1);
  });
});

describe('fullJitterDelayMs', () => {
  it.each([
    [0, 0.5, 250],
    [1, 0.5, 500],
    [2, 0.5, 1000],
    [10, 0.5, 4000],
    [3, 0, 0],
    [3, 0.999, 3996],
  ])('attempt %i, random %f → %i', (attempt, random, expected) => {
    expect(fullJitterDelayMs(attempt, 500, 8000, () => random)).toBe(expected);
  });
});

describe('retryAfterMsOf', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each<[string, unknown, number | undefined]>([
    ['RateLimitError field', new RateLimitError('x', { retryAfterMs: 1234 }), 1234],
    [
      'retry-after-ms header',
      new ProviderUnavailableError('x', { headers: { 'retry-after-ms': '250' } }),
      250,
    ],
    ['retry-after seconds', new ProviderUnavailableError('x', { headers: { 'retry-after': '2' } }), 2000],
    [
      'retry-after date',
      new ProviderUnavailableError('x', { headers: { 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' } }),
      5000,
    ],
    ['no hint', new ProviderUnavailableError('x'), undefined],
    ['not a Baton error', new Error('x'), undefined],
  ])('%s', (_name, error, expected) => {
    expect(retryAfterMsOf(error, now)).toBe(expected);
  });
});
