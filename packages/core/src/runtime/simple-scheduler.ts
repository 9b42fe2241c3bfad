import { CancelledError } from '../errors/cancelled-error.js';
import type { Lease, Scheduler, SchedulerTask } from '../scheduler/scheduler.js';

interface Waiter {
  task: SchedulerTask;
  order: number;
  blockers: number;
  resolve?: (lease: Lease) => void;
  reject?: (error: unknown) => void;
  ready: boolean;
}

/**
 * A priority queue with one concurrency limit: the scheduler the orchestrator uses when no
 * other is configured. Ready tasks run by priority, then arrival; a task waits for its
 * dependencies. `suspend`/`resume` let a parent give its slot to its children.
 */
export function createSimpleScheduler(options: { concurrency: number }): Scheduler {
  const concurrency = options.concurrency;
  const waiters = new Map<string, Waiter>();
  const dependents = new Map<string, string[]>();
  const done = new Set<string>();
  const heap: Waiter[] = [];
  let running = 0;
  let order = 0;
  // Resumes (parents taking their slot back) go before new work so the tree drains.
  const resumes: (() => void)[] = [];

  const before = (a: Waiter, b: Waiter) =>
    a.task.priority !== b.task.priority ? a.task.priority > b.task.priority : a.order < b.order;
  const push = (w: Waiter) => {
    heap.push(w);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(w, heap[p]!)) break;
      heap[i] = heap[p]!;
      i = p;
    }
    heap[i] = w;
  };
  const pop = (): Waiter | undefined => {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        const swap = heap[i]!;
        heap[i] = heap[m]!;
        heap[m] = swap;
        i = m;
      }
    }
    return top;
  };

  const dispatch = () => {
    while (running < concurrency) {
      const resume = resumes.shift();
      if (resume) {
        running++;
        resume();
        continue;
      }
      const next = pop();
      if (!next) return;
      if (!next.resolve) continue; // cancelled while queued
      running++;
      waiters.delete(next.task.id);
      next.resolve(makeLease());
    }
  };

  const makeLease = (): Lease => {
    let held = true;
    return {
      release() {
        if (!held) return;
        held = false;
        running--;
        dispatch();
      },
      suspend() {
        if (!held) return;
        held = false;
        running--;
        dispatch();
      },
      resume() {
        if (held) return Promise.resolve();
        return new Promise<void>((resolve) => {
          resumes.push(() => {
            held = true;
            resolve();
          });
          dispatch();
        });
      },
    };
  };

  return {
    concurrency,
    get running() {
      return running;
    },
    add(task) {
      let blockers = 0;
      for (const dep of task.dependsOn ?? []) {
        if (done.has(dep)) continue;
        blockers++;
        const list = dependents.get(dep);
        if (list) list.push(task.id);
        else dependents.set(dep, [task.id]);
      }
      waiters.set(task.id, { task, order: order++, blockers, ready: false });
    },
    acquire(taskId, signal) {
      const waiter = waiters.get(taskId);
      if (!waiter) return Promise.reject(new Error(`scheduler: task ${taskId} was never added`));
      return new Promise<Lease>((resolve, reject) => {
        if (signal?.aborted) return reject(new CancelledError(`task ${taskId} cancelled before it started`));
        waiter.resolve = resolve;
        waiter.reject = reject;
        signal?.addEventListener(
          'abort',
          () => {
            if (!waiters.has(taskId)) return;
            waiters.delete(taskId);
            waiter.resolve = undefined;
            reject(new CancelledError(`task ${taskId} cancelled before it started`));
          },
          { once: true },
        );
        waiter.ready = waiter.blockers === 0;
        if (waiter.ready) {
          push(waiter);
          dispatch();
        }
      });
    },
    finish(taskId) {
      done.add(taskId);
      const list = dependents.get(taskId);
      if (!list) return;
      dependents.delete(taskId);
      for (const id of list) {
        const w = waiters.get(id);
        if (w && --w.blockers === 0 && w.resolve && !w.ready) {
          w.ready = true;
          push(w);
        }
      }
      dispatch();
    },
  };
}
