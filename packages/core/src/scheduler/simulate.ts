import { dagLowerBoundMs } from '../metrics/dag-lower-bound.js';
import { createSimulatedClock, type SimulatedClock } from './clock.js';
import { createScheduler } from './create-scheduler.js';
import { type DagTask, validateDag } from './validate-dag.js';

/** Options of `simulate`. */
export interface SimulateOptions {
  /** Run-pool slots. */
  concurrency: number;
  /** Pool limits, as for `createScheduler`. */
  pools?: Readonly<Record<string, number>>;
  /** Ageing, as for `createScheduler`. */
  ageingMs?: number;
  /** The simulated clock to run on (default a new one starting at 0). */
  clock?: SimulatedClock;
}

/** When one task ran in a simulation (ms from the simulation's start). */
export interface SimulatedTaskTiming {
  id: string;
  startMs: number;
  endMs: number;
}

/** The outcome of `simulate`. */
export interface SimulationResult {
  /** Per task, in input order. */
  tasks: SimulatedTaskTiming[];
  /** Last end − first start. */
  makespanMs: number;
  /** max(critical path of actual durations, total actual work / concurrency). */
  lowerBoundMs: number;
  /** lowerBoundMs / makespanMs (1 when the makespan is 0). */
  schedulingEfficiency: number;
}

/**
 * Plays a DAG through the real scheduler (`createScheduler`) on a simulated clock: each
 * task asks for its slots, holds them for `actualMs` of simulated time and finishes. The
 * scheduler sees only `expectedMs`. Throws `ValidationError` naming the task for a cycle,
 * an unknown dependency or a duplicate id.
 */
export function simulate(dag: readonly DagTask[], options: SimulateOptions): SimulationResult {
  const order = validateDag(dag);
  const clock = options.clock ?? createSimulatedClock();
  const origin = clock.now();
  const scheduler = createScheduler({
    concurrency: options.concurrency,
    clock,
    ...(options.pools ? { pools: options.pools } : {}),
    ...(options.ageingMs !== undefined ? { ageingMs: options.ageingMs } : {}),
  });
  const timings: SimulatedTaskTiming[] = dag.map((task) => ({
    id: task.id,
    startMs: Number.NaN,
    endMs: Number.NaN,
  }));
  const byId = new Map(dag.map((task) => [task.id, task]));
  scheduler.batch(() => {
    // Sinks first: each task then meets its dependents already added, so every critical-path
    // rank is computed once (adding a long chain source-first would re-walk it per task).
    for (let i = order.length - 1; i >= 0; i--) {
      const task = byId.get(order[i]!)!;
      scheduler.add({
        id: task.id,
        priority: task.priority ?? 0,
        expectedMs: task.expectedMs,
        ...(task.deps ? { dependsOn: task.deps } : {}),
        ...(task.pools ? { pools: task.pools } : {}),
      });
    }
    dag.forEach((task, i) => {
      const timing = timings[i]!;
      const duration = Math.max(0, task.actualMs ?? task.expectedMs);
      scheduler.request(task.id, (lease) => {
        timing.startMs = clock.now() - origin;
        clock.schedule(clock.now() + duration, () => {
          timing.endMs = clock.now() - origin;
          lease.release();
          scheduler.finish(task.id);
        });
      });
    });
  });
  // Events due at the same instant finish together before anything is dispatched.
  let more = true;
  while (more) more = scheduler.batch(() => clock.runNext());
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  for (const timing of timings) {
    if (Number.isNaN(timing.endMs)) throw new Error(`simulation stalled: task ${timing.id} never ran`);
    if (timing.startMs < first) first = timing.startMs;
    if (timing.endMs > last) last = timing.endMs;
  }
  const makespanMs = timings.length === 0 ? 0 : last - first;
  const lowerBoundMs = dagLowerBoundMs(
    dag.map((task) => ({
      id: task.id,
      deps: task.deps ?? [],
      durationMs: Math.max(0, task.actualMs ?? task.expectedMs),
    })),
    options.concurrency,
  );
  return {
    tasks: timings,
    makespanMs,
    lowerBoundMs,
    schedulingEfficiency: makespanMs === 0 ? 1 : lowerBoundMs / makespanMs,
  };
}
