import { simulate } from '../packages/core/src/index.ts';
import { fifoMakespan } from './fifo-schedule.ts';
import { randomDag } from './random-dag.ts';

export interface Ratios {
  mean: number;
  worst: number;
}

/** Makespan / lower bound over seeded random DAGs, for Baton's scheduler and for FIFO order. */
export function scheduleQuality(
  dags = 100,
  size = 200,
  concurrency = 8,
): { dags: number; baton: Ratios; fifo: Ratios } {
  const baton: number[] = [];
  const fifo: number[] = [];
  for (let seed = 1; seed <= dags; seed++) {
    const { tasks } = randomDag(seed, size);
    const result = simulate(tasks, { concurrency });
    baton.push(result.makespanMs / result.lowerBoundMs);
    fifo.push(fifoMakespan(tasks, concurrency) / result.lowerBoundMs);
  }
  const summarize = (values: number[]): Ratios => ({
    mean: values.reduce((sum, v) => sum + v, 0) / values.length,
    worst: Math.max(...values),
  });
  return { dags, baton: summarize(baton), fifo: summarize(fifo) };
}
