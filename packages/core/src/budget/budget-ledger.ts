import type { Budget } from '../contracts/budget.js';
import type { CancellationSignal } from '../runtime/task-cancellation.js';

/** A worst-case amount held against every budget on a task's path until settled. */
export interface Reservation {
  readonly id: string;
  readonly tokens: number;
  readonly costUsd: number;
  /** Replaces the reservation with what was actually used (never more than reserved is refunded). */
  settle(actual: { tokens: number; costUsd: number }): void;
  /** Returns the whole reservation (the call did not happen). */
  release(): void;
}

/** What one model call asks the ledger for. */
export interface ReservationRequest {
  taskId: string;
  tokens: number;
  costUsd: number;
}

/**
 * Hard caps at run, task-subtree and agent level. A reservation is checked against every
 * budget on the task's path at once; a cap is never crossed under any interleaving.
 */
export interface BudgetLedger {
  /** Registers a task's budget scope under its parent (call before reserving for it). */
  open(taskId: string, options: { parentId?: string; agent: string; budget?: Budget }): void;
  /**
   * Reserves the worst case. Returns synchronously when capacity is there (the hot path);
   * a ledger that waits for capacity returns a promise. Fails with `BudgetExceededError`
   * naming the budget when the reservation can never fit.
   */
  reserve(request: ReservationRequest, signal?: CancellationSignal): Reservation | Promise<Reservation>;
  /** Drops a finished task's scope (its settled usage stays counted in its ancestors). */
  close(taskId: string): void;
  /** Whether any cap applies to the task's calls (callers may skip reserving when none does). */
  isCapped?(taskId: string): boolean;
}
