import {
  computeRunMetrics,
  createOrchestrator,
  createRegistry,
  defineAgent,
  idleWaitMs,
  ReportBuilder,
  type RunEvent,
  type TaskTiming,
} from '@baton/core';
import { describe, expect, it } from 'vitest';
import { scriptedModel, text } from '../helpers/scripted-model.js';

describe('run report on a scripted run', () => {
  it('sums usage and prices it, per task and in totals', async () => {
    const model = scriptedModel(
      [
        text('plan', { inputTokens: 1000, outputTokens: 200 }),
        text('a', { inputTokens: 400, outputTokens: 100 }),
        text('b', { inputTokens: 600, outputTokens: 50 }),
        text('final', { inputTokens: 2000, outputTokens: 300 }),
      ],
      { provider: 'acme', modelId: 'm1' },
    );
    const worker = defineAgent({ name: 'worker' });
    const boss = defineAgent({
      name: 'boss',
      agents: [worker],
      run: async (_input: string, ctx) => {
        await ctx.generate('plan');
        const parts = await ctx.map(worker, ['a', 'b'], { concurrency: 1 });
        return ctx.generate(`combine ${parts.join()}`);
      },
    });
    const { report } = await createOrchestrator({
      registry: createRegistry({ providers: { acme: () => model } }),
      defaultModel: 'acme:m1',
      prices: { 'acme:m1': { input: 2, output: 10 } },
    }).run(boss, 'q');

    const byAgent = (name: string) => report.tasks.filter((t) => t.agent === name);
    expect(byAgent('boss')[0]).toMatchObject({
      modelCalls: 2,
      usage: { inputTokens: 3000, outputTokens: 500 },
    });
    expect(byAgent('boss')[0]!.costUsd).toBeCloseTo((3000 * 2 + 500 * 10) / 1e6, 12);
    expect(byAgent('worker').map((t) => t.usage)).toEqual([
      { inputTokens: 400, outputTokens: 100 },
      { inputTokens: 600, outputTokens: 50 },
    ]);
    expect(report.totals).toMatchObject({
      tasks: 3,
      modelCalls: 4,
      usage: { inputTokens: 4000, outputTokens: 650 },
    });
    expect(report.totals.costUsd).toBeCloseTo(
      report.tasks.reduce((s, t) => s + t.costUsd, 0),
      12,
    );
    expect(report.costs.execution).toBe(report.totals.costUsd);
    const sentBytes = model.requests.reduce((s, r) => s + Buffer.byteLength(JSON.stringify(r)), 0);
    expect(report.totals.bytesSent).toBe(sentBytes);
    expect(report.costs.transfer).toBeCloseTo((sentBytes / 1024 ** 3) * 0.09, 15);
    expect(report.metrics.resourceAllocationEfficiency).toBe(1);
    for (const key of ['schedulingEfficiency', 'coordinationEfficiency', 'slotUtilization'] as const) {
      expect(report.metrics[key]).toBeGreaterThan(0);
      expect(report.metrics[key]).toBeLessThanOrEqual(1);
    }
    expect(report.metrics.dataLeakageRate).toBeNull();
    expect(report.metrics.permissionViolationRate).toBeNull();
  });
});

const timing = (t: Partial<TaskTiming> & { id: string }): TaskTiming => ({
  parentId: null,
  dependsOn: undefined,
  queuedAt: 0,
  startedAt: 0,
  endedAt: 0,
  waitingMs: 0,
  coordinationMs: 0,
  hasChildren: false,
  succeeded: true,
  tokens: 0,
  costUsd: 0,
  ...t,
});

describe('efficiency metrics on hand-built timings', () => {
  it('measures a schedule against max(critical path, work / slots)', () => {
    // Three 10 ms tasks on 2 slots; c depends on a. Optimal makespan is 20.
    const tasks = [
      timing({ id: 'a', startedAt: 0, endedAt: 10, tokens: 10 }),
      timing({ id: 'b', startedAt: 0, endedAt: 10, tokens: 10 }),
      timing({ id: 'c', dependsOn: ['a'], startedAt: 15, endedAt: 25, tokens: 20, succeeded: false }),
    ];
    const m = computeRunMetrics(tasks, { startedAt: 0, endedAt: 25, concurrencyLimit: 2 });
    expect(m.schedulingEfficiency).toBeCloseTo(20 / 25);
    expect(m.slotUtilization).toBeCloseTo(30 / 50);
    // c was ready at 10 with a free slot until 15: 5 ms of idle waiting.
    expect(m.coordinationEfficiency).toBeCloseTo(30 / 35);
    expect(m.resourceAllocationEfficiency).toBeCloseTo(20 / 40);
  });

  it('counts a parent own work without the time it waited for children', () => {
    const tasks = [
      timing({ id: 'p', startedAt: 0, endedAt: 30, waitingMs: 20, hasChildren: true, coordinationMs: 10 }),
      timing({ id: 'c1', parentId: 'p', queuedAt: 5, startedAt: 5, endedAt: 25 }),
    ];
    const m = computeRunMetrics(tasks, { startedAt: 0, endedAt: 30, concurrencyLimit: 4 });
    expect(m.schedulingEfficiency).toBeCloseTo(30 / 30);
    expect(m.coordinationEfficiency).toBeCloseTo(20 / 30);
  });

  it('gives null where there is nothing to measure', () => {
    expect(computeRunMetrics([], { startedAt: 0, endedAt: 0, concurrencyLimit: 1 })).toEqual({
      schedulingEfficiency: null,
      coordinationEfficiency: null,
      resourceAllocationEfficiency: null,
      slotUtilization: null,
    });
  });
});

describe('ReportBuilder on a hand-built event log', () => {
  it('integrates idle waiting as events arrive, as the sweep over timings does', () => {
    const builder = new ReportBuilder(2);
    let seq = 0;
    const at = (time: number, body: Record<string, unknown>) =>
      builder.add({ ...body, seq: seq++, time, runId: 'r' } as unknown as RunEvent);
    at(0, { type: 'run-started', rootTaskId: 'a', agent: 'x' });
    at(0, { type: 'task-queued', taskId: 'a', agent: 'x', priority: 0 });
    at(0, { type: 'task-queued', taskId: 'b', agent: 'x', priority: 0 });
    at(0, { type: 'task-queued', taskId: 'c', agent: 'x', priority: 0, dependsOn: ['a'] });
    at(0, { type: 'task-started', taskId: 'a' });
    at(0, { type: 'task-started', taskId: 'b' });
    at(10, { type: 'task-finished', taskId: 'a', status: 'succeeded', used: true });
    at(10, { type: 'task-finished', taskId: 'b', status: 'succeeded', used: true });
    at(15, { type: 'task-started', taskId: 'c' });
    at(25, { type: 'task-finished', taskId: 'c', status: 'succeeded', used: true });
    at(25, { type: 'run-finished', status: 'succeeded' });
    const report = builder.build();
    // Leaf work 30 ms; c was ready from 10 to 15 with free slots: 5 ms idle.
    expect(report.metrics.coordinationEfficiency).toBeCloseTo(30 / 35);
    expect(report.metrics.schedulingEfficiency).toBeCloseTo(20 / 25);
    expect(report.totals.maxConcurrency).toBe(2);
    expect(report.tasks.map((t) => [t.id, t.durationMs, t.startedAt])).toEqual([
      ['a', 10, '1970-01-01T00:00:00.000Z'],
      ['b', 10, '1970-01-01T00:00:00.000Z'],
      ['c', 10, '1970-01-01T00:00:00.015Z'],
    ]);
    const timings: TaskTiming[] = [
      timing({ id: 'a', startedAt: 0, endedAt: 10 }),
      timing({ id: 'b', startedAt: 0, endedAt: 10 }),
      timing({ id: 'c', dependsOn: ['a'], startedAt: 15, endedAt: 25 }),
    ];
    expect(idleWaitMs(timings, 2)).toBe(5);
  });
});
