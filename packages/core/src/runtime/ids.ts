import { randomBytes } from 'node:crypto';

/** A run id: sortable by time, unique across processes (`run_<time36>_<random>`). */
export function createRunId(): string {
  return `run_${Date.now().toString(36)}_${randomBytes(5).toString('hex')}`;
}

/** Short sequential ids within one run (`t1`, `t2`, …): cheap on the hot path. */
export function createCounter(prefix: string): () => string {
  let next = 0;
  return () => `${prefix}${++next}`;
}
