import {
  BudgetExceededError,
  CancelledError,
  createOrchestrator,
  createRegistry,
  defineAgent,
  MaxStepsExceededError,
  type ModelAdapter,
  type ModelRequest,
  ReportBuilder,
  type RunEvent,
  tool,
  ValidationError,
} from '@baton/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { echoModel, scriptedModel, text, toolCalls } from '../helpers/scripted-model.js';

function orchestratorFor(model: ModelAdapter, concurrency = 8) {
  return createOrchestrator({
    registry: createRegistry({ providers: { mock: () => model } }),
    defaultModel: 'mock:any',
    limits: { concurrency },
  });
}

describe('agent loop', () => {
  it('returns the final text and reports usage', async () => {
    const model = scriptedModel([text('hello')]);
    const agent = defineAgent({ name: 'greeter', instructions: 'Be brief.' });
    const { output, report } = await orchestratorFor(model).run(agent, 'hi');
    expect(output).toBe('hello');
    expect(model.requests[0]!.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'hi' }] },
    ]);
    expect(report.status).toBe('succeeded');
    expect(report.totals).toMatchObject({
      tasks: 1,
      modelCalls: 1,
      usage: { inputTokens: 10, outputTokens: 5 },
    });
  });

  it('leaves the request an adapter received as it was sent once the answer is final', async () => {
    const kept: ModelRequest[] = [];
    const model: ModelAdapter = {
      ...echoModel(),
      generate: async (request) => {
        kept.push(request);
        return text('done');
      },
    };
    const { output } = await orchestratorFor(model).run(defineAgent({ name: 'a', instructions: 'Hi.' }), 'x');
    expect(output).toBe('done');
    expect(kept[0]!.messages).toEqual([
      { role: 'system', content: 'Hi.' },
      { role: 'user', content: [{ type: 'text', text: 'x' }] },
    ]);
  });

  it('runs parallel tool calls and sends results back in order', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const lookup = tool({
      name: 'lookup',
      description: 'Look up a word',
      input: z.object({ word: z.string() }),
      execute: async ({ word }) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight--;
        return { word, length: word.length };
      },
    });
    const model = scriptedModel([
      toolCalls({ name: 'lookup', input: { word: 'alpha' } }, { name: 'lookup', input: { word: 'be' } }),
      text('done'),
    ]);
    const agent = defineAgent({ name: 'looker', tools: [lookup] });
    const { output, report } = await orchestratorFor(model).run(agent, 'go');
    expect(output).toBe('done');
    expect(maxInFlight).toBe(2);
    expect(model.requests[0]!.tools).toEqual([
      {
        name: 'lookup',
        description: 'Look up a word',
        inputSchema: expect.objectContaining({ type: 'object', required: ['word'] }),
      },
    ]);
    expect(model.requests[1]!.messages.at(-1)).toEqual({
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'call_0',
          toolName: 'lookup',
          output: { word: 'alpha', length: 5 },
        },
        { type: 'tool-result', toolCallId: 'call_1', toolName: 'lookup', output: { word: 'be', length: 2 } },
      ],
    });
    expect(report.tasks[0]!.toolCalls).toBe(2);
  });

  it('sends invalid tool input back to the model as a tool error instead of crashing', async () => {
    let executed = 0;
    const add = tool({
      name: 'add',
      description: 'Add two numbers',
      input: z.object({ a: z.number(), b: z.number() }),
      execute: ({ a, b }) => {
        executed++;
        return a + b;
      },
    });
    const model = scriptedModel([
      toolCalls({ name: 'add', input: { a: 1, b: 'two' } }),
      toolCalls({ name: 'add', input: { a: 1, b: 2 } }),
      text('3'),
    ]);
    const { output } = await orchestratorFor(model).run(defineAgent({ name: 'calc', tools: [add] }), 'add');
    expect(output).toBe('3');
    expect(executed).toBe(1);
    const firstResult = model.requests[1]!.messages.at(-1)!;
    expect(firstResult).toMatchObject({
      role: 'tool',
      content: [
        { isError: true, output: { error: 'invalid_input', issues: [expect.stringContaining('b:')] } },
      ],
    });
  });

  it('validates structured output and repairs once', async () => {
    const model = scriptedModel([text('{"label": 7}'), text('```json\n{"label":"billing"}\n```')]);
    const agent = defineAgent({ name: 'router', output: z.object({ label: z.enum(['billing', 'outage']) }) });
    const { output } = await orchestratorFor(model).run(agent, 'my card was charged twice');
    expect(output).toEqual({ label: 'billing' });
    expect(model.requests[0]!.responseFormat).toMatchObject({ type: 'json', name: 'router' });
    expect(model.requests[1]!.messages.at(-1)).toMatchObject({
      role: 'user',
      content: [{ text: expect.stringContaining('does not match the required JSON schema') }],
    });
  });

  it('fails with ValidationError when the repair also fails', async () => {
    const model = scriptedModel([text('nope'), text('still nope')]);
    const agent = defineAgent({ name: 'router', output: z.object({ label: z.string() }) });
    const outcome = await orchestratorFor(model).run(agent, 'x').result;
    expect(outcome.status).toBe('failed');
    expect(ValidationError.isInstance(outcome.error)).toBe(true);
  });

  it('stops at maxSteps', async () => {
    const ping = tool({ name: 'ping', description: 'ping', input: z.object({}), execute: () => 'pong' });
    const model = scriptedModel([
      toolCalls({ name: 'ping', input: {} }),
      toolCalls({ name: 'ping', input: {} }),
    ]);
    const outcome = await orchestratorFor(model).run(
      defineAgent({ name: 'looper', tools: [ping], maxSteps: 2 }),
      'x',
    ).result;
    expect(MaxStepsExceededError.isInstance(outcome.error)).toBe(true);
    expect(outcome.report.tasks[0]).toMatchObject({
      status: 'failed',
      modelCalls: 2,
      error: { code: 'max_steps' },
    });
  });

  it('aborts a run in flight', async () => {
    const never: ModelAdapter = {
      specificationVersion: 'v1',
      provider: 'mock',
      modelId: 'never',
      generate: (_request, options) =>
        new Promise((_resolve, reject) => {
          options?.signal?.addEventListener('abort', () => reject(options.signal!.reason));
        }),
      stream: () => {
        throw new Error('unused');
      },
    };
    const controller = new AbortController();
    const run = orchestratorFor(never).run(defineAgent({ name: 'slow' }), 'x', { signal: controller.signal });
    const seen: RunEvent[] = [];
    const consume = (async () => {
      for await (const event of run.events) {
        seen.push(event);
        if (event.type === 'model-call-started') controller.abort();
      }
    })();
    const outcome = await run.result;
    await consume;
    expect(outcome.status).toBe('cancelled');
    expect(CancelledError.isInstance(outcome.error)).toBe(true);
    expect(seen.map((e) => e.type)).toEqual([
      'run-started',
      'task-queued',
      'task-started',
      'model-call-started',
      'model-call-failed',
      'task-finished',
      'run-finished',
    ]);
    await expect(run).rejects.toThrow(/cancelled/);
  });

  it('streams text deltas as events when the agent asks for streaming', async () => {
    const model = scriptedModel([text('one two three')]);
    const run = orchestratorFor(model).run(defineAgent({ name: 'streamer', stream: true }), 'x');
    const deltas: string[] = [];
    const consume = (async () => {
      for await (const e of run.events) if (e.type === 'text-delta') deltas.push(e.delta);
    })();
    const { output } = await run;
    await consume;
    expect(output).toBe('one two three');
    expect(deltas).toEqual(['one ', 'two ', 'three']);
  });
});

describe('delegation and fan-out', () => {
  it('runs 20 sub-agents concurrently under the concurrency limit, outputs in order', async () => {
    const model = echoModel(5);
    const worker = defineAgent({ name: 'worker' });
    const supervisor = defineAgent({
      name: 'supervisor',
      agents: [worker],
      run: async (input: string, ctx) => {
        const parts = await ctx.map(
          worker,
          Array.from({ length: 20 }, (_, i) => `${input}-${i}`),
        );
        return parts;
      },
    });
    let running = 0;
    let maxRunning = 0;
    const { output, report } = await orchestratorFor(model, 8).run(supervisor, 'doc', {
      onEvent: (e) => {
        if (e.type === 'model-call-started') maxRunning = Math.max(maxRunning, ++running);
        if (e.type === 'model-call-finished') running--;
      },
    });
    expect(output).toEqual(Array.from({ length: 20 }, (_, i) => `echo: doc-${i}`));
    expect(maxRunning).toBe(8);
    expect(report.totals.maxConcurrency).toBe(8);
    expect(report.tasks.filter((t) => t.parentId === 't0')).toHaveLength(20);
  });

  it('creates a large fan-out in a window, so only a bounded number of tasks is alive', async () => {
    const worker = defineAgent({ name: 'worker' });
    const supervisor = defineAgent({
      name: 'supervisor',
      agents: [worker],
      run: async (_input: string, ctx) =>
        (
          await ctx.map(
            worker,
            Array.from({ length: 1000 }, (_, i) => i),
          )
        ).length,
    });
    let alive = 0;
    let maxAlive = 0;
    const { output, report } = await orchestratorFor(echoModel(), 4).run(supervisor, '', {
      onEvent: (e) => {
        if (e.type === 'task-queued' && e.parentId) maxAlive = Math.max(maxAlive, ++alive);
        if (e.type === 'task-finished' && e.taskId !== 't0') alive--;
      },
    });
    expect(output).toBe(1000);
    expect(report.totals.tasks).toBe(1001);
    expect(maxAlive).toBe(64);
  });

  it('fails a fan-out that fits its window with the first failure, letting the other children finish', async () => {
    const failing: ModelAdapter = {
      ...echoModel(),
      generate: async (request, options) => {
        const last = request.messages.at(-1);
        if (last?.role === 'user' && last.content[0]?.type === 'text' && last.content[0].text === '2')
          throw new ValidationError('bad input for this worker');
        return echoModel().generate(request, options);
      },
    };
    const worker = defineAgent({ name: 'worker' });
    const supervisor = defineAgent({
      name: 'supervisor',
      agents: [worker],
      run: async (_input: string, ctx) => ctx.map(worker, ['0', '1', '2', '3', '4']),
    });
    const outcome = await createOrchestrator({
      registry: createRegistry({ providers: { mock: () => failing } }),
      defaultModel: 'mock:any',
      retry: false,
    }).run(supervisor, '').result;
    expect(outcome.status).toBe('failed');
    expect(String(outcome.error)).toMatch(/bad input/);
    expect(outcome.report.tasks.slice(1).map((t) => t.status)).toEqual([
      'succeeded',
      'succeeded',
      'failed',
      'succeeded',
      'succeeded',
    ]);
  });

  it('rejects a fan-out whose children cannot get their budget share, starting none', async () => {
    let calls = 0;
    const model: ModelAdapter = {
      ...echoModel(),
      generate: async (request, options) => {
        calls++;
        return echoModel().generate(request, options);
      },
    };
    const worker = defineAgent({ name: 'worker' });
    const supervisor = defineAgent({
      name: 'supervisor',
      agents: [worker],
      run: async (_input: string, ctx) => ctx.map(worker, ['a', 'b', 'c'], { budget: { tokens: 5000 } }),
    });
    const outcome = await createOrchestrator({
      registry: createRegistry({ providers: { mock: () => model } }),
      defaultModel: 'mock:any',
      limits: { budget: { tokens: 1000 } },
    }).run(supervisor, '').result;
    expect(outcome.status).toBe('failed');
    expect(BudgetExceededError.isInstance(outcome.error)).toBe(true);
    expect(calls).toBe(0);
  });

  it('starts no more children once a fan-out has failed', async () => {
    let calls = 0;
    const failing: ModelAdapter = {
      ...echoModel(),
      generate: async () => {
        calls++;
        throw new ValidationError('bad input for this worker');
      },
    };
    const worker = defineAgent({ name: 'worker' });
    const supervisor = defineAgent({
      name: 'supervisor',
      agents: [worker],
      run: async (_input: string, ctx) =>
        ctx.map(
          worker,
          Array.from({ length: 500 }, (_, i) => i),
          { concurrency: 2 },
        ),
    });
    const outcome = await orchestratorFor(failing, 2).run(supervisor, '').result;
    expect(outcome.status).toBe('failed');
    expect(calls).toBeLessThanOrEqual(2);
  });

  it('cancels every running child of a fan-out, and their children, when the run is cancelled', async () => {
    let pending = 0;
    let allStarted: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      allStarted = resolve;
    });
    // Never answers: a call ends only through cancellation.
    const hanging: ModelAdapter = {
      ...echoModel(),
      generate: () => {
        if (++pending === 6) allStarted();
        return new Promise(() => {});
      },
    };
    const leaf = defineAgent({ name: 'leaf' });
    const middle = defineAgent({
      name: 'middle',
      agents: [leaf],
      run: async (input: string, ctx) => ctx.map(leaf, [`${input}a`, `${input}b`]),
    });
    const top = defineAgent({
      name: 'top',
      agents: [middle],
      run: async (_input: string, ctx) => ctx.map(middle, ['x', 'y', 'z']),
    });
    const run = orchestratorFor(hanging, 16).run(top, '');
    await started;
    run.cancel('stop');
    const outcome = await run.result;
    expect(outcome.status).toBe('cancelled');
    // top + 3 middles + 6 leaves, every one of them cancelled.
    expect(outcome.report.totals.tasks).toBe(10);
    expect(outcome.report.tasks.every((t) => t.status === 'cancelled')).toBe(true);
  });

  it('cancels a task whose tool never settles, and its call ends as cancelled', async () => {
    let toolStarted: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      toolStarted = resolve;
    });
    // Ignores its signal and never answers: the call ends only through cancellation.
    const wait = tool({
      name: 'wait',
      description: 'waits forever',
      input: z.object({}),
      execute: () => {
        toolStarted();
        return new Promise<never>(() => {});
      },
    });
    const model = scriptedModel([toolCalls({ name: 'wait', input: {} }), text('unreachable')]);
    const run = orchestratorFor(model).run(defineAgent({ name: 'a', tools: [wait] }), 'go');
    await started;
    run.cancel('stop');
    const outcome = await run.result;
    expect(outcome.status).toBe('cancelled');
    expect(outcome.report.tasks.map((t) => t.status)).toEqual(['cancelled']);
    expect(model.requests).toHaveLength(1);
  });

  it('never deadlocks a delegation tree at concurrency 1', async () => {
    const leaf = defineAgent({ name: 'leaf' });
    const middle = defineAgent({
      name: 'middle',
      agents: [leaf],
      run: async (input: string, ctx) => (await ctx.map(leaf, [`${input}a`, `${input}b`])).join('|'),
    });
    const top = defineAgent({
      name: 'top',
      agents: [middle],
      run: async (_input: string, ctx) => ctx.map(middle, ['x', 'y'], { concurrency: 2 }),
    });
    const { output } = await orchestratorFor(echoModel(), 1).run(top, '');
    expect(output).toEqual(['echo: xa|echo: xb', 'echo: ya|echo: yb']);
  });

  it('offers sub-agents to the model as tools and returns their output', async () => {
    const helper = defineAgent({ name: 'helper', description: 'answers sub-questions' });
    const model = scriptedModel([
      toolCalls({ name: 'helper', input: { task: 'sub-question' } }),
      text('helper says hi'),
      text('final'),
    ]);
    const boss = defineAgent({ name: 'boss', agents: [helper] });
    const { output, report } = await orchestratorFor(model).run(boss, 'q');
    expect(output).toBe('final');
    expect(model.requests[0]!.tools!.map((t) => t.name)).toEqual(['helper']);
    expect(model.requests[1]!.messages.at(-1)).toEqual({
      role: 'user',
      content: [{ type: 'text', text: 'sub-question' }],
    });
    expect(model.requests[2]!.messages.at(-1)).toMatchObject({ content: [{ output: 'helper says hi' }] });
    expect(report.tasks.map((t) => [t.agent, t.parentId])).toEqual([
      ['boss', null],
      ['helper', 't0'],
    ]);
  });

  it('refuses to delegate by name to an undeclared agent', async () => {
    const boss = defineAgent({ name: 'boss', run: async (_i: string, ctx) => ctx.delegate('ghost', 'x') });
    const outcome = await orchestratorFor(echoModel()).run(boss, '').result;
    expect(String(outcome.error)).toMatch(/cannot delegate to "ghost"/);
  });
});

describe('events and the report (fed directly when nobody listens)', () => {
  // A supervisor that delegates once, fans out (one child fails), and calls a tool: every
  // kind of event the runtime feeds the report directly.
  function scenario() {
    const lookup = tool({
      name: 'lookup',
      description: 'Look up a word',
      input: z.object({ word: z.string() }),
      execute: async ({ word }) => word.length,
    });
    const flaky: ModelAdapter = {
      ...echoModel(),
      generate: async (request, options) => {
        const last = request.messages.at(-1);
        const value = last?.role === 'user' && last.content[0]?.type === 'text' ? last.content[0].text : '';
        if (value === 'bad') throw new ValidationError('bad input');
        if (value === 'use the tool') {
          return request.messages.some((m) => m.role === 'tool')
            ? text('looked up')
            : toolCalls({ name: 'lookup', input: { word: 'alpha' } });
        }
        return echoModel().generate(request, options);
      },
    };
    const worker = defineAgent({ name: 'worker', tools: [lookup] });
    const supervisor = defineAgent({
      name: 'supervisor',
      agents: [worker],
      run: async (_input: string, ctx) => {
        const one = await ctx.delegate(worker, 'use the tool');
        const many = await ctx.map(worker, ['a', 'b', 'c', 'd', 'e']);
        const failed = await ctx.delegate(worker, 'bad').catch((error: unknown) => String(error));
        return [one, ...many, failed];
      },
    });
    const orchestrator = createOrchestrator({
      registry: createRegistry({ providers: { mock: () => flaky } }),
      defaultModel: 'mock:any',
      limits: { concurrency: 2, budget: { tokens: 1_000_000 } },
      retry: false,
    });
    return { orchestrator, supervisor };
  }

  // What does not depend on timing.
  const stable = (report: import('@baton/core').RunReport) => ({
    status: report.status,
    tasks: report.tasks.map((t) => ({
      id: t.id,
      parentId: t.parentId,
      agent: t.agent,
      status: t.status,
      usage: t.usage,
      costUsd: t.costUsd,
      modelCalls: t.modelCalls,
      toolCalls: t.toolCalls,
      error: t.error,
    })),
    totals: report.totals,
  });

  it('gives the same report whether or not anyone listens', async () => {
    const { orchestrator, supervisor } = scenario();
    const quiet = await orchestrator.run(supervisor, '').result;
    const events: RunEvent[] = [];
    const heard = await orchestrator.run(supervisor, '', { onEvent: (e) => events.push(e) }).result;
    expect(quiet.status).toBe('succeeded');
    expect(stable(heard.report)).toEqual(stable(quiet.report));
    expect(heard.report.totals).toMatchObject({ tasks: 8, toolCalls: 1 });
    expect(heard.report.tasks.at(-1)).toMatchObject({ status: 'failed', modelCalls: 1 });
  });

  it('numbers events without gaps, and the events of each task come in lifecycle order', async () => {
    const { orchestrator, supervisor } = scenario();
    const events: RunEvent[] = [];
    await orchestrator.run(supervisor, '', { onEvent: (e) => events.push(e) }).result;
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
    for (let i = 1; i < events.length; i++)
      expect(events[i]!.time).toBeGreaterThanOrEqual(events[i - 1]!.time);
    const byTask = new Map<string, string[]>();
    for (const e of events) {
      if (!('taskId' in e) || e.taskId === undefined) continue;
      const list = byTask.get(e.taskId) ?? [];
      list.push(e.type);
      byTask.set(e.taskId, list);
    }
    // t1 delegates a tool call: two model calls around it; the leaves make one call each.
    expect(byTask.get('t1')).toEqual([
      'task-queued',
      'task-started',
      'budget-reserved',
      'model-call-started',
      'budget-settled',
      'model-call-finished',
      'tool-call-started',
      'tool-call-finished',
      'budget-reserved',
      'model-call-started',
      'budget-settled',
      'model-call-finished',
      'task-finished',
    ]);
    for (const id of ['t2', 't3', 't4', 't5', 't6']) {
      expect(byTask.get(id)).toEqual([
        'task-queued',
        'task-started',
        'budget-reserved',
        'model-call-started',
        'budget-settled',
        'model-call-finished',
        'task-finished',
      ]);
    }
    expect(byTask.get('t7')).toEqual([
      'task-queued',
      'task-started',
      'budget-reserved',
      'model-call-started',
      'model-call-failed',
      'task-finished',
    ]);
    const waiting = events
      .filter((e) => e.type === 'task-waiting')
      .map((e) => e.type === 'task-waiting' && e.waiting);
    expect(waiting).toEqual([true, false, true, false, true, false]);
  });

  it('gives the same report as a ReportBuilder fed the event log', async () => {
    const { orchestrator, supervisor } = scenario();
    const events: RunEvent[] = [];
    const outcome = await orchestrator.run(supervisor, '', { onEvent: (e) => events.push(e) }).result;
    const replayed = new ReportBuilder(2);
    for (const e of events) replayed.add(e);
    const report = replayed.build();
    expect(stable(report)).toEqual(stable(outcome.report));
    expect(report.tasks.map((t) => [t.startedAt, t.endedAt, t.durationMs])).toEqual(
      outcome.report.tasks.map((t) => [t.startedAt, t.endedAt, t.durationMs]),
    );
    const metrics = outcome.report.metrics;
    for (const [key, value] of Object.entries(report.metrics)) {
      const expected = metrics[key as keyof typeof metrics];
      if (value === null) expect(expected).toBeNull();
      else expect(expected).toBeCloseTo(value, 9);
    }
  });
});
