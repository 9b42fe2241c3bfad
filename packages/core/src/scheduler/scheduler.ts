import type { CancellationSignal } from '../runtime/task-cancellation.js';

/** A task as the scheduler sees it. */
export interface SchedulerTask {
  readonly id: string;
  /** User priority: higher first. */
  readonly priority: number;
  /** Tasks that must finish first. */
  readonly dependsOn?: readonly string[];
  /** Expected duration (ms), for critical-path rank. */
  readonly expectedMs?: number;
  /** Concurrency pools the task needs a slot in besides the run pool (e.g. `agent:writer`, `provider:openai`). */
  readonly pools?: readonly string[];
  /** The delegating task. */
  readonly parentId?: string;
  /**
   * No task will be added later depending on this one, so once finished it can be forgotten
   * (by default a finished id is remembered, so that a dependent added afterwards sees it
   * done). The runtime sets it: it adds every dependent (a plan's steps) before any of its
   * dependencies can finish, so its id index stays as small as the work in flight.
   */
  readonly forgetWhenDone?: boolean;
}

/** Slots held by a running task. */
export interface Lease {
  /** Frees the slots (idempotent). */
  release(): void;
  /** Frees the slots while the task waits on its children, so a parent never starves them. */
  suspend(): void;
  /** Takes the slots back after `suspend`. */
  resume(): Promise<void>;
}

/**
 * Decides which ready task runs next and holds concurrency. `add` registers a task,
 * `acquire` waits until it is ready and first in order with capacity, `finish` unblocks
 * its dependents.
 */
export interface Scheduler {
  /** Registers a task (and its dependencies) without waiting. */
  add(task: SchedulerTask): void;
  /** Waits for the task's turn; rejects with `CancelledError` when the signal aborts. */
  acquire(taskId: string, signal?: CancellationSignal): Promise<Lease>;
  /** Marks a task done (any status), unblocking tasks that depend on it. */
  finish(taskId: string): void;
  /** The most tasks that may run at once in the run pool. */
  readonly concurrency: number;
  /** Tasks currently holding a run slot. */
  readonly running: number;
}
