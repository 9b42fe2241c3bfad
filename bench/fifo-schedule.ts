import type { DagTask } from '@baton/core';

/**
 * The baseline: a list scheduler that starts ready tasks in the order they became ready
 * (ties in input order), with the same concurrency. Returns the makespan.
 */
export function fifoMakespan(tasks: readonly DagTask[], concurrency: number): number {
  const index = new Map(tasks.map((task, i) => [task.id, i]));
  const pending = tasks.map((task) => (task.deps ?? []).length);
  const dependents: number[][] = tasks.map(() => []);
  tasks.forEach((task, i) => {
    for (const dep of task.deps ?? []) dependents[index.get(dep)!]!.push(i);
  });
  const ready: number[] = [];
  pending.forEach((count, i) => {
    if (count === 0) ready.push(i);
  });
  let head = 0;
  const running: { end: number; i: number }[] = [];
  let now = 0;
  let makespan = 0;
  while (head < ready.length || running.length > 0) {
    while (running.length < concurrency && head < ready.length) {
      const i = ready[head++]!;
      const task = tasks[i]!;
      running.push({ end: now + (task.actualMs ?? task.expectedMs), i });
    }
    running.sort((a, b) => a.end - b.end);
    const next = running.shift()!;
    now = next.end;
    makespan = Math.max(makespan, now);
    const finished = [next];
    while (running.length > 0 && running[0]!.end === now) finished.push(running.shift()!);
    for (const f of finished) for (const j of dependents[f.i]!) if (--pending[j]! === 0) ready.push(j);
  }
  return makespan;
}
