import { describe, expect, it } from 'vitest';
import {
  CancelledError,
  ProviderUnavailableError,
  RateLimitError,
  ValidationError,
} from '../../src/contracts/index.js';
import { type FallbackInfo, fallback } from '../../src/resilience/fallback.js';
import { withRetry } from '../../src/resilience/with-retry.js';
import { drain, fakeAdapter } from './fake-adapter.js';

describe('fallback', () => {
  it('moves to the next model on failure and reports it', async () => {
    const error = new ProviderUnavailableError('down');
    const a = fakeAdapter([{ fail: error }], 'openai:gpt-5.5');
    const b = fakeAdapter([{ ok: 'from b' }], 'anthropic:claude');
    const moves: FallbackInfo[] = [];
    const chain = fallback([a, b], { onFallback: (info) => moves.push(info) });
    expect(chain.provider).toBe('openai');
    expect(chain.modelId).toBe('gpt-5.5');
    const result = await chain.generate({ messages: [] });
    expect(result.content).toEqual([{ type: 'text', text: 'from b' }]);
    expect(moves).toEqual([{ from: 'openai:gpt-5.5', to: 'anthropic:claude', error }]);
  });

  it('moves on only after the inner retries are spent (repeated failure)', async () => {
    const a = fakeAdapter(
      [
        { fail: new RateLimitError('429') },
        { fail: new RateLimitError('429') },
        { fail: new RateLimitError('429') },
      ],
      'openai:gpt-5.5',
    );
    const b = fakeAdapter([{ ok: 'b' }], 'ollama:llama');
    const moves: FallbackInfo[] = [];
    const chain = fallback([withRetry(a, { sleep: async () => {} }), b], {
      onFallback: (info) => moves.push(info),
    });
    await chain.generate({ messages: [] });
    expect(a.calls).toBe(3);
    expect(moves).toHaveLength(1);
  });

  it('does not fall back on cancellation', async () => {
    const cancelled = new CancelledError('stop');
    const b = fakeAdapter([{ ok: 'unused' }], 'x:b');
    await expect(
      fallback([fakeAdapter([{ fail: cancelled }], 'x:a'), b]).generate({ messages: [] }),
    ).rejects.toBe(cancelled);
    expect(b.calls).toBe(0);
  });

  it('throws the last error when every model failed', async () => {
    const last = new ProviderUnavailableError('b down');
    const chain = fallback([
      fakeAdapter([{ fail: new ProviderUnavailableError('a down') }], 'x:a'),
      fakeAdapter([{ fail: last }], 'x:b'),
    ]);
    await expect(chain.generate({ messages: [] })).rejects.toBe(last);
  });

  it('streams fall back only before the first part', async () => {
    const a = fakeAdapter([{ fail: new ProviderUnavailableError('down') }], 'x:a');
    const b = fakeAdapter([{ ok: 'streamed by b' }], 'x:b');
    const { parts } = await drain(fallback([a, b]).stream({ messages: [] }));
    expect(parts[0]).toEqual({ type: 'text-delta', delta: 'streamed by b' });

    const cut = new ProviderUnavailableError('cut');
    const c = fakeAdapter([{ parts: [{ type: 'text-delta', delta: 'x' }], throwAfter: cut }], 'x:c');
    const d = fakeAdapter([{ ok: 'unused' }], 'x:d');
    const { error } = await drain(fallback([c, d]).stream({ messages: [] }));
    expect(error).toBe(cut);
    expect(d.calls).toBe(0);
  });

  it('needs at least one adapter', () => {
    expect(() => fallback([])).toThrow(ValidationError);
  });
});
