import { describe, expect, it } from 'vitest';
import type { RunEvent, RunEventBody } from '../../src/contracts/run-event.js';
import {
  computeSubtreeMetrics,
  costAllocationEfficiency,
  subtreeOf,
} from '../../src/metrics/subtree-metrics.js';
import { taskTimingsFromEvents } from '../../src/metrics/task-timings-from-events.js';
import { computeRunMetrics } from '../../src/report/run-metrics.js';

let seq = 0;
const at = (time: number, body: RunEventBody): RunEvent =>
  ({ ...body, seq: seq++, time, runId: 'run-1' }) as RunEvent;
const usage = (tokens: number) => ({ inputTokens: tokens / 2, outputTokens: tokens / 2 });
const finishReason = { unified: 'stop', raw: 'stop' } as const;
const call = (
  time: number,
  taskId: string,
  tokens: number,
  costUsd: number,
  durationMs: number,
  coordination: boolean,
) =>
  at(time, {
    type: 'model-call-finished',
    taskId,
    callId: `${taskId}-${time}`,
    provider: 'local',
    modelId: 'default',
    usage: usage(tokens),
    costUsd,
    finishReason,
    durationMs,
    coordination,
  } as RunEventBody);

/**
 * A supervisor plans for 10 ms, fans out three workers on 2 slots while it waits (10–60),
 * then aggregates for 10 ms. w1 runs 10–40, w2 10–30 (fails: its result is not used),
 * w3 30–60.
 */
const log: RunEvent[] = [
  at(0, { type: 'run-started', rootTaskId: 'root', agent: 'supervisor' }),
  at(0, { type: 'task-queued', taskId: 'root', agent: 'supervisor', priority: 0 }),
  at(0, { type: 'task-started', taskId: 'root' }),
  call(10, 'root', 50, 0.05, 10, true),
  at(10, { type: 'task-waiting', taskId: 'root', waiting: true }),
  at(10, { type: 'task-queued', taskId: 'w1', parentId: 'root', agent: 'worker', priority: 0 }),
  at(10, { type: 'task-queued', taskId: 'w2', parentId: 'root', agent: 'worker', priority: 0 }),
  at(10, { type: 'task-queued', taskId: 'w3', parentId: 'root', agent: 'worker', priority: 0 }),
  at(10, { type: 'task-started', taskId: 'w1' }),
  at(10, { type: 'task-started', taskId: 'w2' }),
  call(30, 'w2', 100, 0.1, 20, false),
  at(30, { type: 'task-finished', taskId: 'w2', status: 'failed', used: false }),
  at(30, { type: 'task-started', taskId: 'w3' }),
  call(40, 'w1', 100, 0.1, 30, false),
  at(40, { type: 'task-finished', taskId: 'w1', status: 'succeeded', used: true }),
  call(60, 'w3', 200, 0.25, 30, false),
  at(60, { type: 'task-finished', taskId: 'w3', status: 'succeeded', used: true }),
  at(60, { type: 'task-waiting', taskId: 'root', waiting: false }),
  call(70, 'root', 50, 0.05, 10, true),
  at(70, { type: 'task-finished', taskId: 'root', status: 'succeeded', used: true }),
  at(70, { type: 'run-finished', status: 'succeeded' }),
];

describe('efficiency metrics from a hand-built event log', () => {
  const timings = taskTimingsFromEvents(log);

  it('rebuilds task timings from the events', () => {
    expect(timings.map((t) => t.id)).toEqual(['root', 'w1', 'w2', 'w3']);
    expect(timings[0]).toMatchObject({
      queuedAt: 0,
      startedAt: 0,
      endedAt: 70,
      waitingMs: 50,
      coordinationMs: 20,
      hasChildren: true,
      tokens: 100,
    });
    expect(timings[2]).toMatchObject({
      id: 'w2',
      parentId: 'root',
      startedAt: 10,
      endedAt: 30,
      succeeded: false,
      tokens: 100,
    });
    expect(timings[3]).toMatchObject({ queuedAt: 10, startedAt: 30, endedAt: 60, hasChildren: false });
  });

  it('computes the run metrics exactly as DESIGN.md defines them', () => {
    const metrics = computeRunMetrics(timings, { startedAt: 0, endedAt: 70, concurrencyLimit: 2 });
    // Own work: root 70 − 50 waiting = 20, w1 30, w2 20, w3 30 → 100 in all.
    // lowerBound = max(critical path root 20 + w1 30 = 50, 100 / 2 = 50) = 50; makespan 70.
    expect(metrics.schedulingEfficiency).toBeCloseTo(50 / 70, 12);
    // Leaf work 80; coordination = 20 ms of planning/aggregation calls (no slot sat free while w3 waited).
    expect(metrics.coordinationEfficiency).toBeCloseTo(80 / 100, 12);
    // w2 failed: its 100 tokens were spent on a result nobody used.
    expect(metrics.resourceAllocationEfficiency).toBeCloseTo(400 / 500, 12);
    // Busy slot time 100 / (2 slots × 70 ms).
    expect(metrics.slotUtilization).toBeCloseTo(100 / 140, 12);
    expect(costAllocationEfficiency(timings)).toBeCloseTo(0.45 / 0.55, 12);
  });

  it('counts time a ready task waited while a slot was free as coordination', () => {
    // Same run on 4 slots: w3 still waited 10–30 although a slot was free.
    const metrics = computeRunMetrics(timings, { startedAt: 0, endedAt: 70, concurrencyLimit: 4 });
    expect(metrics.coordinationEfficiency).toBeCloseTo(80 / (80 + 20 + 20), 12);
  });

  it('computes the same metrics per subtree, over the subtree root’s span', () => {
    expect(subtreeOf(timings, 'root').map((t) => t.id)).toEqual(['root', 'w1', 'w2', 'w3']);
    expect(subtreeOf(timings, 'w1').map((t) => t.id)).toEqual(['w1']);
    expect(subtreeOf(timings, 'nope')).toEqual([]);
    const whole = computeSubtreeMetrics(timings, 'root', 2);
    expect(whole.schedulingEfficiency).toBeCloseTo(50 / 70, 12);
    expect(whole.costAllocationEfficiency).toBeCloseTo(0.45 / 0.55, 12);
    const leaf = computeSubtreeMetrics(timings, 'w2', 2);
    expect(leaf).toMatchObject({
      schedulingEfficiency: 1,
      coordinationEfficiency: 1,
      resourceAllocationEfficiency: 0,
      slotUtilization: 0.5,
    });
    expect(computeSubtreeMetrics(timings, 'nope', 2).schedulingEfficiency).toBeNull();
  });

  it('gives null where there is nothing to measure', () => {
    expect(computeRunMetrics([], { startedAt: 0, endedAt: 0, concurrencyLimit: 2 })).toEqual({
      schedulingEfficiency: null,
      coordinationEfficiency: null,
      resourceAllocationEfficiency: null,
      slotUtilization: null,
    });
  });
});
