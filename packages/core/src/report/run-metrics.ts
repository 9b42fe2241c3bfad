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
  for (const t of tasks) {
    const own = ownWorkMs(t);
    totalWork += own;
    if (!t.hasChildren) leafWork += own;
    coordination += t.coordinationMs;
  }
  const limit = Math.max(1, run.concurrencyLimit);
  const lowerBound = Math.max(criticalPathMs(tasks), totalWork / limit);
  coordination += run.idleWaitMs ?? idleWaitMs(tasks, limit);

  // A result is used when its task and every ancestor succeeded (it reached the caller).
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const usedMemo = new Map<string, boolean>();
  // Iterative walk up the parent chain (trees can be deep); a cycle counts as unused.
  const used = (task: TaskTiming): boolean => {
    const chain: TaskTiming[] = [];
    const onChain = new Set<string>();
    let cursor: TaskTiming | undefined = task;
    let verdict = true;
    while (cursor) {
      const known = usedMemo.get(cursor.id);
      if (known !== undefined) {
        verdict = known;
        break;
      }
      if (!cursor.succeeded || onChain.has(cursor.id)) {
        verdict = false;
        break;
      }
      chain.push(cursor);
      onChain.add(cursor.id);
      cursor = cursor.parentId === null ? undefined : byId.get(cursor.parentId);
    }
    // Everything below a failure on the chain is unused; everything below success is used.
    for (let i = chain.length - 1; i >= 0; i--) usedMemo.set(chain[i]!.id, verdict);
    return usedMemo.get(task.id) ?? verdict;
  };
  let allTokens = 0;
  let usedTokens = 0;
  for (const t of tasks) {
    allTokens += t.tokens;
    if (used(t)) usedTokens += t.tokens;
  }
  return {
    schedulingEfficiency: Math.min(1, lowerBound / makespan),
    coordinationEfficiency: leafWork + coordination === 0 ? null : leafWork / (leafWork + coordination),
    resourceAllocationEfficiency: allTokens === 0 ? null : usedTokens / allTokens,
    slotUtilization: Math.min(1, totalWork / (limit * makespan)),
  };
}
