import {
  createOrchestrator,
  createRegistry,
  defineAgent,
  InvalidRequestError,
  type ModelAdapter,
  ProviderUnavailableError,
  RateLimitError,
  type RunEvent,
} from '@baton/core';
import { describe, expect, it } from 'vitest';
import { scriptedModel, text } from '../helpers/scripted-model.js';

function runWith(
  models: Record<string, ModelAdapter>,
  options: Parameters<typeof createOrchestrator>[0] extends infer O ? Partial<O> : never = {},
) {
  const events: RunEvent[] = [];
  const orchestrator = createOrchestrator({
    registry: createRegistry({
      providers: Object.fromEntries(Object.entries(models).map(([p, m]) => [p, () => m])),
    }),
    defaultModel: `${Object.keys(models)[0]}:m`,
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    ...options,
  });
  return {
    events,
    run: (agent = defineAgent({ name: 'a' })) =>
      orchestrator.run(agent, 'q', { onEvent: (e) => events.push(e) }).result,
  };
}

describe('model-call retries', () => {
  it('retries a rate-limited call after the server hint and reports each attempt', async () => {
    const model = scriptedModel(
      [new RateLimitError('slow down', { retryAfterMs: 3, status: 429 }), text('ok')],
      {
        provider: 'p',
        modelId: 'm',
      },
    );
    const { events, run } = runWith({ p: model });
    const outcome = await run();
    expect(outcome.output).toBe('ok');
    const retry = events.find((e) => e.type === 'retry-scheduled');
    expect(retry).toMatchObject({ attempt: 1, delayMs: 3, error: { code: 'rate_limit' } });
    expect(events.filter((e) => e.type === 'model-call-failed')).toHaveLength(1);
    expect(outcome.report.tasks[0]!.modelCalls).toBe(2);
  });

  it('gives up after maxRetries and never retries a non-retryable error', async () => {
    const down = () => new ProviderUnavailableError('down', { status: 503 });
    const flaky = scriptedModel([down(), down(), down(), text('never')]);
    const first = runWith({ p: flaky });
    expect((await first.run()).status).toBe('failed');
    expect(flaky.requests).toHaveLength(3);
    expect(
      first.events
        .filter((e) => e.type === 'retry-scheduled')
        .map((e) => e.type === 'retry-scheduled' && e.attempt),
    ).toEqual([1, 2]);

    const invalid = scriptedModel([new InvalidRequestError('bad field', { status: 400 }), text('never')]);
    const second = runWith({ p: invalid });
    expect((await second.run()).status).toBe('failed');
    expect(invalid.requests).toHaveLength(1);
  });

  it('treats an adapter that throws instead of rejecting as a failed call, and retries it', async () => {
    let calls = 0;
    const throwing: ModelAdapter = {
      specificationVersion: 'v1',
      provider: 'p',
      modelId: 'm',
      generate() {
        calls++;
        if (calls === 1) throw new ProviderUnavailableError('socket closed', { status: 503 });
        return Promise.resolve({
          content: [{ type: 'text', text: 'ok' }],
          finishReason: { unified: 'stop', raw: 'stop' },
          usage: { inputTokens: 3, outputTokens: 1 },
        });
      },
      stream() {
        throw new Error('not used');
      },
    };
    const { events, run } = runWith({ p: throwing }, { limits: { budget: { tokens: 10_000 } } });
    const outcome = await run();
    expect(outcome.output).toBe('ok');
    expect(calls).toBe(2);
    expect(events.filter((e) => e.type === 'model-call-failed')).toHaveLength(1);
    expect(outcome.report.totals.usage).toMatchObject({ inputTokens: 3, outputTokens: 1 });
    // Both attempts reserved; the failed one gave its reservation back, the other settled it.
    expect(events.filter((e) => e.type === 'budget-reserved')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'budget-settled')).toMatchObject([{ tokens: 4 }]);
  });

  it('turns retries off with retry: false', async () => {
    const model = scriptedModel([new RateLimitError('slow', { retryAfterMs: 1 }), text('ok')]);
    const { run } = runWith({ p: model }, { retry: false });
    expect((await run()).status).toBe('failed');
    expect(model.requests).toHaveLength(1);
  });

  it('does not retry a stream once text reached the caller', async () => {
    let calls = 0;
    const cut: ModelAdapter = {
      specificationVersion: 'v1',
      provider: 'p',
      modelId: 'm',
      generate: () => Promise.reject(new Error('unused')),
      async *stream() {
        calls++;
        yield { type: 'text-delta', delta: 'partial ' };
        throw new ProviderUnavailableError('stream cut');
      },
    };
    const { events, run } = runWith({ p: cut });
    const outcome = await run(defineAgent({ name: 's', stream: true }));
    expect(outcome.status).toBe('failed');
    expect(calls).toBe(1);
    expect(events.some((e) => e.type === 'retry-scheduled')).toBe(false);
  });
});

describe('fallback models', () => {
  it('moves to the next model after repeated outages and says so', async () => {
    const down = () => new ProviderUnavailableError('overloaded', { status: 529 });
    const primary = scriptedModel([down(), down(), down()], { provider: 'primary', modelId: 'm' });
    const backup = scriptedModel([text('from backup', { inputTokens: 7, outputTokens: 3 })], {
      provider: 'backup',
      modelId: 'b',
    });
    const { events, run } = runWith({ primary, backup }, { fallbacks: { 'primary:m': ['backup:b'] } });
    const outcome = await run();
    expect(outcome.output).toBe('from backup');
    expect(events.find((e) => e.type === 'fallback-used')).toMatchObject({
      from: 'primary:m',
      to: 'backup:b',
      error: { code: 'provider_unavailable' },
    });
    const finished = events.filter((e) => e.type === 'model-call-finished');
    expect(finished.map((e) => e.type === 'model-call-finished' && e.provider)).toEqual(['backup']);
    expect(outcome.report.totals.usage).toEqual({ inputTokens: 7, outputTokens: 3 });
  });

  it('does not fall back on an invalid request', async () => {
    const primary = scriptedModel([new InvalidRequestError('bad')], { provider: 'primary', modelId: 'm' });
    const backup = scriptedModel([text('x')], { provider: 'backup', modelId: 'b' });
    const { run } = runWith({ primary, backup }, { fallbacks: { 'primary:m': ['backup:b'] } });
    expect((await run()).status).toBe('failed');
    expect(backup.requests).toHaveLength(0);
  });
});
