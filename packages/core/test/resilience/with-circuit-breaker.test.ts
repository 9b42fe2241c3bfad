import { describe, expect, it } from 'vitest';
import { InvalidRequestError, ProviderUnavailableError } from '../../src/contracts/index.js';
import {
  type CircuitBreaker,
  circuitKeyOf,
  withCircuitBreaker,
} from '../../src/resilience/with-circuit-breaker.js';
import { withRetry } from '../../src/resilience/with-retry.js';
import { drain, fakeAdapter, type Step } from './fake-adapter.js';

const down = (): Step => ({ fail: new ProviderUnavailableError('down', { status: 503 }) });

function setup(steps: Step[], origin = 'https://api.example.test') {
  let clock = 1000;
  const transitions: string[] = [];
  const breakers = new Map<string, CircuitBreaker>();
  const inner = fakeAdapter(steps, 'fake:model', origin);
  const adapter = withCircuitBreaker(inner, {
    failureThreshold: 3,
    resetAfterMs: 10_000,
    now: () => clock,
    breakers,
    onStateChange: (key, from, to) => transitions.push(`${key} ${from}->${to}`),
  });
  return { inner, adapter, breakers, transitions, advance: (ms: number) => (clock += ms) };
}

const call = (adapter: { generate: (r: { messages: [] }) => Promise<unknown> }) =>
  adapter.generate({ messages: [] }).then(
    () => 'ok',
    (error: unknown) => error,
  );

describe('withCircuitBreaker', () => {
  it('opens after the threshold of consecutive failures and fails fast without calling', async () => {
    const { inner, adapter, transitions } = setup([down(), down(), down(), { ok: 'unused' }]);
    for (let i = 0; i < 3; i++) expect(ProviderUnavailableError.isInstance(await call(adapter))).toBe(true);
    const rejected = await call(adapter);
    expect(ProviderUnavailableError.isInstance(rejected)).toBe(true);
    expect((rejected as ProviderUnavailableError).retryable).toBe(false);
    expect((rejected as ProviderUnavailableError).provider?.code).toBe('circuit_open');
    expect(inner.calls).toBe(3);
    expect(transitions).toEqual(['https://api.example.test closed->open']);
  });

  it('lets one trial through after resetAfterMs and closes on success', async () => {
    const { inner, adapter, transitions, advance } = setup([
      down(),
      down(),
      down(),
      { ok: 'back' },
      { ok: 'again' },
    ]);
    for (let i = 0; i < 3; i++) await call(adapter);
    advance(9_999);
    expect(((await call(adapter)) as ProviderUnavailableError).provider?.code).toBe('circuit_open');
    advance(1);
    expect(await call(adapter)).toBe('ok');
    expect(await call(adapter)).toBe('ok');
    expect(inner.calls).toBe(5);
    expect(transitions).toEqual([
      'https://api.example.test closed->open',
      'https://api.example.test open->half-open',
      'https://api.example.test half-open->closed',
    ]);
  });

  it('re-opens when the trial fails', async () => {
    const { inner, adapter, advance, breakers } = setup([down(), down(), down(), down(), { ok: 'unused' }]);
    for (let i = 0; i < 3; i++) await call(adapter);
    advance(10_000);
    await call(adapter);
    expect(breakers.get('https://api.example.test')?.state).toBe('open');
    expect(((await call(adapter)) as ProviderUnavailableError).provider?.code).toBe('circuit_open');
    expect(inner.calls).toBe(4);
  });

  it('a non-outage error (400) resets the count: the origin is up', async () => {
    const { inner, adapter } = setup([
      down(),
      down(),
      { fail: new InvalidRequestError('bad', { status: 400 }) },
      down(),
      down(),
      { ok: 'still closed' },
    ]);
    for (let i = 0; i < 6; i++) await call(adapter);
    expect(inner.calls).toBe(6);
  });

  it('adapters with the same origin share a breaker', async () => {
    const breakers = new Map<string, CircuitBreaker>();
    const a = withCircuitBreaker(fakeAdapter([down(), down()], 'p:a', 'https://same'), {
      failureThreshold: 2,
      breakers,
    });
    const bInner = fakeAdapter([{ ok: 'unused' }], 'p:b', 'https://same');
    const b = withCircuitBreaker(bInner, { failureThreshold: 2, breakers });
    await call(a);
    await call(a);
    expect(((await call(b)) as ProviderUnavailableError).provider?.code).toBe('circuit_open');
    expect(bInner.calls).toBe(0);
  });

  it('counts stream failures before the first part, and rejects streams while open', async () => {
    const { adapter } = setup([down(), down(), down()]);
    for (let i = 0; i < 3; i++) expect((await drain(adapter.stream({ messages: [] }))).error).toBeDefined();
    const { error } = await drain(adapter.stream({ messages: [] }));
    expect((error as ProviderUnavailableError).provider?.code).toBe('circuit_open');
  });

  it('keys on the origin even through a withRetry wrapper', () => {
    const inner = fakeAdapter([], 'openai:gpt', 'https://api.openai.com');
    expect(circuitKeyOf(withRetry(inner))).toBe('https://api.openai.com');
    expect(circuitKeyOf(withCircuitBreaker(inner, { breakers: new Map() }))).toBe('https://api.openai.com');
    expect(circuitKeyOf(fakeAdapter([], 'local:x'))).toBe('local');
  });
});
