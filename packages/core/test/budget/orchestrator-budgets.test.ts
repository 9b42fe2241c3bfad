import {
  BudgetExceededError,
  createOrchestrator,
  createRateLimiter,
  createRegistry,
  createSimulatedClock,
  defineAgent,
  type ModelAdapter,
} from '@baton/core';
import { describe, expect, it } from 'vitest';
import { echoModel, scriptedModel, text } from '../helpers/scripted-model.js';

const registryOf = (model: ModelAdapter) => createRegistry({ providers: { mock: () => model } });

describe('budgets and rate limits through the orchestrator', () => {
  it('enforces an agent’s task budget even when the run has no cap', async () => {
    const model = scriptedModel([text('never')]);
    const worker = defineAgent({ name: 'worker', maxOutputTokens: 100, budget: { tokens: 50 } });
    const outcome = await createOrchestrator({ registry: registryOf(model), defaultModel: 'mock:m' }).run(
      worker,
      'hi',
    ).result;
    expect(BudgetExceededError.isInstance(outcome.error)).toBe(true);
    expect((outcome.error as BudgetExceededError).budget).toMatch(/^task:.+\.tokens$/);
    expect(model.requests).toHaveLength(0);
  });

  it('caps an agent over all its tasks with limits.agents', async () => {
    const model = echoModel();
    const worker = defineAgent({ name: 'worker', maxOutputTokens: 10 });
    const supervisor = defineAgent({
      name: 'supervisor',
      agents: [worker],
      run: async (_input: string, ctx) => ctx.map(worker, ['a', 'b', 'c']),
    });
    const outcome = await createOrchestrator({
      registry: registryOf(model),
      defaultModel: 'mock:m',
      limits: { agents: { worker: { modelCalls: 2 } } },
    }).run(supervisor, '').result;
    expect(BudgetExceededError.isInstance(outcome.error)).toBe(true);
    expect((outcome.error as BudgetExceededError).budget).toBe('agent:worker.modelCalls');
  });

  it('paces model calls through a rate limiter on its clock', async () => {
    const clock = createSimulatedClock();
    const calledAt: number[] = [];
    const inner = echoModel();
    const model: ModelAdapter = {
      ...inner,
      generate: (request, options) => {
        calledAt.push(clock.now());
        return inner.generate(request, options);
      },
    };
    const worker = defineAgent({ name: 'worker', maxOutputTokens: 10 });
    const supervisor = defineAgent({
      name: 'supervisor',
      agents: [worker],
      run: async (_input: string, ctx) => ctx.map(worker, ['a', 'b', 'c']),
    });
    const rateLimiter = createRateLimiter({
      limits: { [`${inner.provider}:${inner.modelId}`]: { rpm: 60 } },
      clock,
    });
    const run = createOrchestrator({ registry: registryOf(model), defaultModel: 'mock:m', rateLimiter }).run(
      supervisor,
      '',
    );
    let finished = false;
    void run.result.then(() => {
      finished = true;
    });
    while (!finished) {
      await new Promise((resolve) => setImmediate(resolve));
      clock.runNext();
    }
    expect(calledAt).toEqual([0, 1000, 2000]);
  });
});
