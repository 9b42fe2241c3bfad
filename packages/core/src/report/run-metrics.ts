import type { RunMetrics } from '../contracts/run-report.js';

/** What the efficiency metrics need to know about one task. */
export interface TaskTiming {
  id: string;
  parentId: string | null;
  dependsOn: readonly string[] | undefined;
  queuedAt: number;
  startedAt: number | null;
  endedAt: number | null;
  /** Time spent suspended while waiting for its children (holding no slot). */
  waitingMs: number;
  /** Time spent in coordination model calls (planning, delegating, aggregating). */
  coordinationMs: number;
  hasChildren: boolean;
  succeeded: boolean;
  tokens: number;
  costUsd: number;
}

type EfficiencyMetrics = Pick<
  RunMetrics,
  'schedulingEfficiency' | 'coordinationEfficiency' | 'resourceAllocationEfficiency' | 'slotUtilization'
>;

/** A task's own work: its running time minus the time it waited for children. */
export function ownWorkMs(t: TaskTiming): number {
  if (t.startedAt === null || t.endedAt === null) return 0;
  return Math.max(0, t.endedAt - t.startedAt - t.waitingMs);
}

/**
 * Longest chain of own work through the run, where a task precedes its children (they
 * start from it) and its dependents (they wait for it).
 */
export function criticalPathMs(tasks: readonly TaskTiming[]): number {
  const index = new Map<string, number>();
  for (let i = 0; i < tasks.length; i++) index.set(tasks[i]!.id, i);
  // Runs list parents and dependencies before the tasks that follow them, so one forward
  // pass usually suffices; a task listed before a predecessor falls back to Kahn's order.
  const longest = new Float64Array(tasks.length);
  let best = 0;
  let ordered = true;
  for (let i = 0; i < tasks.length && ordered; i++) {
    const t = tasks[i]!;
    let before = 0;
    if (t.parentId !== null) {
      const p = index.get(t.parentId);
      if (p !== undefined) {
        if (p >= i) ordered = false;
        else before = longest[p]!;
      }
    }
    for (const dep of t.dependsOn ?? []) {
      const d = index.get(dep);
      if (d === undefined) continue;
      if (d >= i) ordered = false;
      else if (longest[d]! > before) before = longest[d]!;
    }
    longest[i] = before + ownWorkMs(t);
    if (longest[i]! > best) best = longest[i]!;
  }
  return ordered ? best : criticalPathInAnyOrder(tasks, index);
}

function criticalPathInAnyOrder(tasks: readonly TaskTiming[], index: Map<string, number>): number {
  const successors: number[][] = tasks.map(() => []);
  const indegree = new Array<number>(tasks.length).fill(0);
  tasks.forEach((t, i) => {
    const predecessors = [...(t.dependsOn ?? []), ...(t.parentId === null ? [] : [t.parentId])];
    for (const id of predecessors) {
      const p = index.get(id);
      if (p === undefined) continue;
      successors[p]!.push(i);
      indegree[i]!++;
    }
  });
  // Kahn's order, then longest path forward: finish[i] = own[i] + max finish of predecessors.
  const longest = tasks.map(ownWorkMs);
  const queue: number[] = [];
  indegree.forEach((d, i) => {
    if (d === 0) queue.push(i);
  });
  let best = 0;
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head]!;
    best = Math.max(best, longest[i]!);
    for (const s of successors[i]!) {
      longest[s] = Math.max(longest[s]!, longest[i]! + ownWorkMs(tasks[s]!));
      if (--indegree[s]! === 0) queue.push(s);
    }
  }
  return best;
}

/**
 * Time ready tasks spent queued while a slot was free: a sweep over start/end points,
 * counting queued tasks (readiness = queued and dependencies finished) against free slots.
 */
export function idleWaitMs(tasks: readonly TaskTiming[], concurrencyLimit: number): number {
  const ended = new Map<string, number>();
  for (const t of tasks) if (t.endedAt !== null) ended.set(t.id, t.endedAt);
  const points: { time: number; running: number; ready: number }[] = [];
  for (const t of tasks) {
    if (t.startedAt === null) continue;
    let readyAt = t.queuedAt;
    for (const dep of t.dependsOn ?? []) readyAt = Math.max(readyAt, ended.get(dep) ?? readyAt);
    if (readyAt < t.startedAt) {
      points.push({ time: readyAt, running: 0, ready: 1 });
      points.push({ time: t.startedAt, running: 0, ready: -1 });
    }
    points.push({ time: t.startedAt, running: 1, ready: 0 });
    if (t.endedAt !== null) points.push({ time: t.endedAt, running: -1, ready: 0 });
  }
  points.sort((a, b) => a.time - b.time);
  let running = 0;
  let ready = 0;
  let last = points[0]?.time ?? 0;
  let idle = 0;
  for (const p of points) {
    const free = Math.max(0, concurrencyLimit - running);
    idle += (p.time - last) * Math.min(free, ready);
    last = p.time;
    running += p.running;
    ready += p.ready;
  }
  return idle;
}

/** The efficiency figures of DESIGN.md's run report, from task timings. */
export function computeRunMetrics(
  tasks: readonly TaskTiming[],
  run: {
    startedAt: number;
    endedAt: number;
    concurrencyLimit: number;
    /** Idle waiting already integrated while events arrived (skips the sweep). */
    idleWaitMs?: number;
    /** The critical path, when the caller already has it. */
    criticalPathMs?: number;
    /** Tokens of tasks whose results were used, when the caller already has them. */
    usedTokens?: number;
  },
): EfficiencyMetrics {
  const makespan = run.endedAt - run.startedAt;
  if (tasks.length === 0 || makespan <= 0) {
    return {
      schedulingEfficiency: null,
      coordinationEfficiency: null,
      resourceAllocationEfficiency: null,
      slotUtilization: null,
    };
  }
  let totalWork = 0;
  let leafWork = 0;
  let coordination = 0;
  // Indexed loops: this runs once per report, often interpreted, over every task.
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i]!;
    const own = ownWorkMs(t);
    totalWork += own;
    if (!t.hasChildren) leafWork += own;
    coordination += t.coordinationMs;
  }
  const limit = Math.max(1, run.concurrencyLimit);
  const lowerBound = Math.max(run.criticalPathMs ?? criticalPathMs(tasks), totalWork / limit);
  coordination += run.idleWaitMs ?? idleWaitMs(tasks, limit);

  // A result is used when its task and every ancestor succeeded (it reached the caller).
  let allTokens = 0;
  for (let i = 0; i < tasks.length; i++) allTokens += tasks[i]!.tokens;
  let usedTokens = run.usedTokens;
  if (usedTokens === undefined) {
    usedTokens = 0;
    const used = usedResults(tasks);
    for (let i = 0; i < tasks.length; i++) if (used[i]) usedTokens += tasks[i]!.tokens;
  }
  return {
    schedulingEfficiency: Math.min(1, lowerBound / makespan),
    coordinationEfficiency: leafWork + coordination === 0 ? null : leafWork / (leafWork + coordination),
    resourceAllocationEfficiency: allTokens === 0 ? null : usedTokens / allTokens,
    slotUtilization: Math.min(1, totalWork / (limit * makespan)),
  };
}

/** For each task: did its result reach the caller (it and every ancestor succeeded)? */
export function usedResults(tasks: readonly TaskTiming[]): boolean[] {
  const index = new Map<string, number>();
  for (let i = 0; i < tasks.length; i++) index.set(tasks[i]!.id, i);
  const used = new Array<boolean | undefined>(tasks.length);
  const resolve = (start: number): boolean => {
    // Walk up to a known ancestor; a cycle or a failure makes the chain unused.
    const chain: number[] = [];
    let cursor: number | undefined = start;
    let verdict = true;
    while (cursor !== undefined) {
      const known = used[cursor];
      if (known !== undefined) {
        verdict = known;
        break;
      }
      const t: TaskTiming = tasks[cursor]!;
      if (!t.succeeded || chain.includes(cursor)) {
        verdict = false;
        break;
      }
      chain.push(cursor);
      cursor = t.parentId === null ? undefined : index.get(t.parentId);
    }
    for (const i of chain) used[i] = verdict;
    return used[start] ?? verdict;
  };
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i]!;
    const parent = t.parentId === null ? undefined : index.get(t.parentId);
    // Parents come first in a run: the common case is one lookup.
    if (parent === undefined) used[i] = t.succeeded;
    else if (used[parent] !== undefined) used[i] = t.succeeded && used[parent]!;
    else resolve(i);
  }
  return used as boolean[];
}
