import { ValidationError } from '../errors/validation-error.js';

/** A task of a DAG given up front (the planner's and simulator's input). */
export interface DagTask {
  /** Unique within the DAG. */
  readonly id: string;
  /** Ids of tasks that must finish first. */
  readonly deps?: readonly string[];
  /** User priority: higher first. Default 0. */
  readonly priority?: number;
  /** What the scheduler may use to order work (ms). */
  readonly expectedMs: number;
  /** How long the task really takes (ms); default `expectedMs`. */
  readonly actualMs?: number;
  /** Concurrency pools it needs a slot in besides the run pool. */
  readonly pools?: readonly string[];
}

/**
 * Checks that a DAG is one: unique ids, known dependencies, no cycle. Throws
 * `ValidationError` naming the offending task. Returns the ids in a topological order.
 */
export function validateDag(tasks: readonly DagTask[]): string[] {
  const index = new Map<string, number>();
  tasks.forEach((task, i) => {
    if (index.has(task.id))
      throw new ValidationError(`duplicate task id ${task.id}`, [{ path: [i, 'id'], message: 'duplicate' }]);
    index.set(task.id, i);
  });
  const pending = new Array<number>(tasks.length).fill(0);
  const dependents: number[][] = tasks.map(() => []);
  tasks.forEach((task, i) => {
    for (const dep of task.deps ?? []) {
      const d = index.get(dep);
      if (d === undefined) {
        throw new ValidationError(`task ${task.id} depends on unknown task ${dep}`, [
          { path: [i, 'deps'], message: `unknown task ${dep}` },
        ]);
      }
      if (d === i)
        throw new ValidationError(`task ${task.id} depends on itself (cycle)`, [
          { path: [i, 'deps'], message: 'cycle' },
        ]);
      pending[i]!++;
      dependents[d]!.push(i);
    }
  });
  const order: string[] = [];
  const stack: number[] = [];
  pending.forEach((count, i) => {
    if (count === 0) stack.push(i);
  });
  while (stack.length > 0) {
    const i = stack.pop()!;
    order.push(tasks[i]!.id);
    for (const j of dependents[i]!) if (--pending[j]! === 0) stack.push(j);
  }
  if (order.length < tasks.length) {
    // Walk dependencies from a task left over until one repeats: that task is on a cycle.
    let i = pending.findIndex((count) => count > 0);
    const seen = new Set<number>();
    while (!seen.has(i)) {
      seen.add(i);
      const next = (tasks[i]!.deps ?? []).map((dep) => index.get(dep)!).find((d) => pending[d]! > 0);
      if (next === undefined) break;
      i = next;
    }
    const id = tasks[i]!.id;
    throw new ValidationError(`task ${id} is on a dependency cycle`, [
      { path: [i, 'deps'], message: 'cycle' },
    ]);
  }
  return order;
}
