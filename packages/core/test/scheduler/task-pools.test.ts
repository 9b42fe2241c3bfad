import {
  createOrchestrator,
  createRegistry,
  defineAgent,
  type ModelAdapter,
  type ModelResult,
} from '@baton/core';
import { describe, expect, it } from 'vitest';
import { taskPools } from '../../src/scheduler/task-pools.js';

describe('taskPools', () => {
  it.each([
    ['writer', 'openai:gpt-5.5', ['agent:writer', 'provider:openai', 'model:openai:gpt-5.5']],
    [
      'writer',
      'bedrock:anthropic.claude:v2',
      ['agent:writer', 'provider:bedrock', 'model:bedrock:anthropic.claude:v2'],
    ],
    ['writer', 'local', ['agent:writer', 'provider:local']],
    ['writer', undefined, ['agent:writer']],
  ])('%s on %s holds %j', (agent, model, pools) => {
    expect(taskPools(agent, model)).toEqual(pools);
    expect(taskPools(agent, model)).toBe(taskPools(agent, model));
  });

  it('lets limits.pools bound a provider across agents in a run', async () => {
    let inFlight = 0;
    let peak = 0;
    const model: ModelAdapter = {
      specificationVersion: 'v1',
      provider: 'slow',
      modelId: 'm',
      generate: async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight--;
        return {
          content: [{ type: 'text', text: 'ok' }],
          finishReason: { unified: 'stop', raw: 'stop' },
          usage: { inputTokens: 1, outputTokens: 1 },
        } satisfies ModelResult;
      },
      stream: () => {
        throw new Error('not used');
      },
    };
    const a = defineAgent({ name: 'a', model: 'slow:m' });
    const b = defineAgent({ name: 'b', model: 'slow:m' });
    const supervisor = defineAgent({
      name: 'supervisor',
      agents: [a, b],
      run: async (_input: string, ctx) =>
        Promise.all([ctx.map(a, ['1', '2', '3', '4']), ctx.map(b, ['5', '6', '7', '8'])]),
    });
    const { report } = await createOrchestrator({
      registry: createRegistry({ providers: { slow: () => model } }),
      limits: { concurrency: 16, pools: { 'provider:slow': 2 } },
    }).run(supervisor, '');
    expect(report.status).toBe('succeeded');
    expect(peak).toBe(2);
  });
});
