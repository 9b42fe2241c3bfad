import {
  type Agent,
  CancelledError,
  createOrchestrator,
  createRegistry,
  defineAgent,
  type PlanStep,
  type RunEvent,
  ValidationError,
} from '@baton/core';
import { describe, expect, it } from 'vitest';
import { echoModel } from '../helpers/scripted-model.js';

function orchestrator(concurrency = 8) {
  return createOrchestrator({
    registry: createRegistry({ providers: { mock: () => echoModel(2) } }),
    defaultModel: 'mock:any',
    limits: { concurrency },
  });
}

/** A sub-agent whose own code records when it started and answers from its input. */
function stepAgent(name: string, log: string[], answer: (input: unknown) => unknown = (input) => input) {
  return defineAgent({
    name,
    run: async (input: unknown) => {
      log.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
      log.push(`end ${name}`);
      return answer(input);
    },
  });
}

function supervisorOf(agents: Agent[], run: NonNullable<Agent['run']>) {
  return defineAgent({ name: 'supervisor', agents, run });
}

describe('ctx.plan', () => {
  it('runs a DAG: each step after its dependencies, with their outputs as its input', async () => {
    const log: string[] = [];
    const fetch = stepAgent('fetch', log, (input) => `${input} fetched`);
    const left = stepAgent('left', log, (input) => `L(${JSON.stringify(input)})`);
    const right = stepAgent('right', log, (input) => `R(${JSON.stringify(input)})`);
    const join = stepAgent('join', log);
    const supervisor = supervisorOf([fetch, left, right, join], (input, ctx) =>
      ctx.plan({
        join: { agent: join, dependsOn: ['left', 'right'], input: (outputs: object) => outputs },
        left: { agent: 'left', dependsOn: ['fetch'], input: ({ fetch }: { fetch: string }) => fetch },
        right: { agent: right, dependsOn: ['fetch'], input: ({ fetch }: { fetch: string }) => fetch },
        fetch: { agent: fetch, input },
      }),
    );
    const events: RunEvent[] = [];
    const { output, report } = await orchestrator().run(supervisor, 'doc', {
      onEvent: (e) => events.push(e),
    });
    expect(output).toEqual({
      join: { left: 'L("doc fetched")', right: 'R("doc fetched")' },
      left: 'L("doc fetched")',
      right: 'R("doc fetched")',
      fetch: 'doc fetched',
    });
    expect(log.indexOf('start left')).toBeGreaterThan(log.indexOf('end fetch'));
    expect(log.indexOf('start right')).toBeGreaterThan(log.indexOf('end fetch'));
    expect(log.indexOf('start join')).toBeGreaterThan(
      Math.max(log.indexOf('end left'), log.indexOf('end right')),
    );
    // Every step is a child of the supervisor, queued with its dependencies' task ids.
    const byAgent = new Map(report.tasks.map((t) => [t.agent, t]));
    expect(byAgent.get('join')?.parentId).toBe('t0');
    const queued = events.find((e) => e.type === 'task-queued' && e.taskId === byAgent.get('join')?.id);
    expect(queued).toMatchObject({ dependsOn: [byAgent.get('left')?.id, byAgent.get('right')?.id] });
  });

  it('keeps step ids that are also object keys, such as __proto__, as plain outputs', async () => {
    const log: string[] = [];
    const echo = stepAgent('echo', log);
    const steps = JSON.parse(
      '{"__proto__": {"agent": "echo", "input": "a"}, "constructor": {"agent": "echo", "dependsOn": ["__proto__"]}}',
    );
    steps.constructor.input = (outputs: Record<string, unknown>) =>
      `after ${String(Object.getOwnPropertyDescriptor(outputs, '__proto__')?.value)}`;
    const supervisor = supervisorOf([echo], (_input, ctx) => ctx.plan(steps));
    const { output } = await orchestrator().run(supervisor, 'x');
    expect(Object.entries(output as object)).toEqual([
      ['__proto__', 'a'],
      ['constructor', 'after a'],
    ]);
  });

  it('orders the whole plan by critical path, not by the order steps are listed', async () => {
    const log: string[] = [];
    const agents = ['solo', 'head', 'tail'].map((name) => stepAgent(name, log));
    const supervisor = supervisorOf(agents, (_input, ctx) =>
      ctx.plan({
        solo: { agent: 'solo', expectedMs: 10 },
        tail: { agent: 'tail', dependsOn: ['head'], expectedMs: 100 },
        head: { agent: 'head', expectedMs: 100 },
      }),
    );
    // One slot: the supervisor gives it back while it waits, so steps run one at a time.
    await orchestrator(1).run(supervisor, 'x');
    expect(log.filter((line) => line.startsWith('start'))).toEqual([
      'start head',
      'start tail',
      'start solo',
    ]);
  });

  it('cancels the dependents of a failed step without running them, and rejects with the failure', async () => {
    const log: string[] = [];
    const broken = defineAgent({
      name: 'broken',
      run: async () => {
        throw new Error('source unavailable');
      },
    });
    const after = stepAgent('after', log);
    const other = stepAgent('other', log);
    const events: RunEvent[] = [];
    const supervisor = supervisorOf([broken, after, other], (_input, ctx) =>
      ctx.plan({
        broken: { agent: broken },
        after: { agent: after, dependsOn: ['broken'] },
        other: { agent: other },
      }),
    );
    const { status, report, error } = await orchestrator().run(supervisor, 'x', {
      onEvent: (e) => events.push(e),
    }).result;
    expect(status).toBe('failed');
    expect((error as Error).message).toContain('source unavailable');
    expect(log).not.toContain('start after');
    const after_ = report.tasks.find((t) => t.agent === 'after');
    expect(after_?.status).toBe('cancelled');
    const finished = events.find((e) => e.type === 'task-finished' && e.taskId === after_?.id) as Extract<
      RunEvent,
      { type: 'task-finished' }
    >;
    expect(finished.error?.message).toContain('step broken did not succeed');
    expect(finished.error?.code).toBe(new CancelledError('x').code);
  });

  it('cancels the dependents of a step that throws at once, even when they are listed after it', async () => {
    const log: string[] = [];
    const sudden = defineAgent({
      name: 'sudden',
      // Not async: throws before returning a promise.
      run: (() => {
        throw new Error('bad input');
      }) as never,
    });
    const later = stepAgent('later', log);
    const supervisor = supervisorOf([sudden, later], (_input, ctx) =>
      ctx.plan({ sudden: { agent: sudden }, later: { agent: later, dependsOn: ['sudden'] } }),
    );
    const { status, report } = await orchestrator().run(supervisor, 'x').result;
    expect(status).toBe('failed');
    expect(report.tasks.find((t) => t.agent === 'later')?.status).toBe('cancelled');
    expect(log).toEqual([]);
  });

  it('refuses a plan that is not a DAG, or names an unknown sub-agent, before running any step', async () => {
    const log: string[] = [];
    const only = stepAgent('only', log);
    const cases: Record<string, Record<string, PlanStep>> = {
      cycle: { a: { agent: only, dependsOn: ['b'] }, b: { agent: only, dependsOn: ['a'] } },
      unknownStep: { a: { agent: only, dependsOn: ['missing'] } },
      unknownAgent: { a: { agent: only }, b: { agent: 'nobody' } },
    };
    for (const [name, steps] of Object.entries(cases)) {
      let caught: unknown;
      const supervisor = supervisorOf([only], async (_input, ctx) => {
        try {
          return await ctx.plan(steps);
        } catch (error) {
          caught = error;
          return 'refused';
        }
      });
      const { report } = await orchestrator().run(supervisor, 'x');
      expect(caught, name).toBeInstanceOf(ValidationError);
      expect(report.tasks, name).toHaveLength(1);
    }
    expect(log).toEqual([]);
  });
});
