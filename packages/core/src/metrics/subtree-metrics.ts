import type { RunMetrics } from '../contracts/run-report.js';
import { computeRunMetrics, type TaskTiming } from '../report/run-metrics.js';

/** The four efficiency metrics of one subtree, plus the cost side of resource allocation. */
export type SubtreeMetrics = Pick<
  RunMetrics,
  'schedulingEfficiency' | 'coordinationEfficiency' | 'resourceAllocationEfficiency' | 'slotUtilization'
> & {
  /** Cost of tasks whose results were used / all cost spent (null when nothing was spent). */
  costAllocationEfficiency: number | null;
};

/** The task and all its descendants (by `parentId`). */
export function subtreeOf(tasks: readonly TaskTiming[], rootId: string): TaskTiming[] {
  const children = new Map<string, TaskTiming[]>();
  let root: TaskTiming | undefined;
  for (const t of tasks) {
    if (t.id === rootId) root = t;
    if (t.parentId !== null) {
      let list = children.get(t.parentId);
      if (list === undefined) {
        list = [];
        children.set(t.parentId, list);
      }
      list.push(t);
    }
  }
  if (root === undefined) return [];
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]!.id) ?? []));
  return out;
}

/** A result counts as used when its task and every ancestor in the list succeeded. */
function usedShare(tasks: readonly TaskTiming[], amount: (t: TaskTiming) => number): number | null {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const memo = new Map<string, boolean>();
  const used = (t: TaskTiming): boolean => {
    let known = memo.get(t.id);
    if (known === undefined) {
      const parent = t.parentId === null ? undefined : byId.get(t.parentId);
      known = t.succeeded && (parent === undefined || used(parent));
      memo.set(t.id, known);
    }
    return known;
  };
  let all = 0;
  let useful = 0;
  for (const t of tasks) {
    all += amount(t);
    if (used(t)) useful += amount(t);
  }
  return all === 0 ? null : useful / all;
}

/**
 * The run report's efficiency metrics for one task's subtree, measured over the root's own
 * span (its start to its end) with the same definitions as the run: scheduling efficiency =
 * lower bound / makespan, coordination efficiency = leaf work / (leaf work + coordination),
 * resource allocation = tokens (and cost) of used results / all, slot utilization = busy slot
 * time / (concurrency × makespan).
 */
export function computeSubtreeMetrics(
  tasks: readonly TaskTiming[],
  rootId: string,
  concurrencyLimit: number,
): SubtreeMetrics {
  const subtree = subtreeOf(tasks, rootId);
  const root = subtree[0];
  const empty: SubtreeMetrics = {
    schedulingEfficiency: null,
    coordinationEfficiency: null,
    resourceAllocationEfficiency: null,
    slotUtilization: null,
    costAllocationEfficiency: null,
  };
  if (root === undefined || root.startedAt === null || root.endedAt === null) return empty;
  const metrics = computeRunMetrics(subtree, {
    startedAt: root.startedAt,
    endedAt: root.endedAt,
    concurrencyLimit,
  });
  return { ...metrics, costAllocationEfficiency: usedShare(subtree, (t) => t.costUsd) };
}

/** Cost of tasks whose results were used / all cost spent, over the whole run. */
export function costAllocationEfficiency(tasks: readonly TaskTiming[]): number | null {
  return usedShare(tasks, (t) => t.costUsd);
}
