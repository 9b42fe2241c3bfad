import type { FinishReason } from './model/v1/finish-reason.js';
import type { Usage } from './model/v1/usage.js';
import type { PolicyBoundary } from './policy.js';
import type { TaskStatus } from './task.js';

/** An error as it appears in events and reports. */
export interface ErrorSummary {
  name: string;
  code: string;
  message: string;
  retryable: boolean;
}

/**
 * Every state change of a run, one ordered stream. The journal, the report, tracing and
 * the dashboard all read it. Names are `<noun>-<action>`.
 */
export type RunEventBody =
  | { type: 'run-started'; rootTaskId: string; agent: string; principal?: string }
  | { type: 'run-finished'; status: 'succeeded' | 'failed' | 'cancelled'; error?: ErrorSummary }
  | {
      type: 'task-queued';
      taskId: string;
      parentId?: string;
      agent: string;
      priority: number;
      dependsOn?: string[];
      capabilities?: readonly string[];
    }
  | { type: 'task-started'; taskId: string }
  | { type: 'task-waiting'; taskId: string; waiting: boolean }
  | {
      type: 'task-finished';
      taskId: string;
      status: TaskStatus;
      error?: ErrorSummary;
      /** Whether the task's output was used by its parent or returned to the caller. */
      used: boolean;
    }
  | {
      type: 'model-call-started';
      taskId: string;
      callId: string;
      provider: string;
      modelId: string;
      bytes: number;
    }
  | {
      type: 'model-call-finished';
      taskId: string;
      callId: string;
      provider: string;
      modelId: string;
      usage: Usage;
      costUsd: number;
      finishReason: FinishReason;
      durationMs: number;
      /** Whether this call planned, delegated or aggregated (coordination) rather than did leaf work. */
      coordination: boolean;
    }
  | { type: 'model-call-failed'; taskId: string; callId: string; error: ErrorSummary }
  | {
      type: 'retry-scheduled';
      taskId: string;
      callId: string;
      attempt: number;
      delayMs: number;
      error: ErrorSummary;
    }
  | { type: 'fallback-used'; taskId: string; from: string; to: string; error: ErrorSummary }
  | { type: 'tool-call-started'; taskId: string; toolCallId: string; toolName: string }
  | {
      type: 'tool-call-finished';
      taskId: string;
      toolCallId: string;
      toolName: string;
      status: 'ok' | 'error' | 'denied';
      durationMs: number;
      error?: string;
    }
  | {
      type: 'permission-checked';
      taskId: string;
      toolCallId: string;
      agent: string;
      toolName: string;
      capabilities: readonly string[];
      allowed: boolean;
      reason: string;
      argsDigest: string;
      /** True when a tool exists for the call (a call to an unknown tool is always out of scope). */
      knownTool: boolean;
    }
  | {
      type: 'approval-requested';
      approvalId: string;
      taskId: string;
      toolName: string;
      capabilities: string[];
      argsDigest: string;
    }
  | {
      type: 'approval-resolved';
      approvalId: string;
      taskId: string;
      approved: boolean;
      by: 'user' | 'timeout' | 'cancel';
    }
  | {
      type: 'policy-decision';
      taskId?: string;
      policy: string;
      boundary: PolicyBoundary;
      action: 'allow' | 'transform' | 'deny';
      reason?: string;
    }
  | { type: 'data-minimized'; taskId: string; findings: Record<string, number> }
  | { type: 'egress-scanned'; taskId: string; callId: string; bytes: number; leaked: Record<string, number> }
  | { type: 'budget-reserved'; taskId: string; reservationId: string; tokens: number; costUsd: number }
  | { type: 'budget-settled'; taskId: string; reservationId: string; tokens: number; costUsd: number }
  | {
      type: 'record-stored';
      kind: string;
      records: number;
      bytes: number;
      ttlMs: number;
      dataClasses: string[];
    }
  | { type: 'records-purged'; kind: string; count: number; bytes: number }
  | { type: 'text-delta'; taskId: string; delta: string };

/** Fields every event carries. */
export interface RunEventEnvelope {
  /** Position in the run's stream, from 0. */
  seq: number;
  /** Epoch milliseconds (sub-millisecond precision). */
  time: number;
  runId: string;
}

/** One event of a run's stream. */
export type RunEvent = RunEventBody & RunEventEnvelope;
/** The type names of run events. */
export type RunEventType = RunEvent['type'];
/** An event before the stream stamps it. */
export type RunEventInput = RunEventBody;
/** The event of a given type. */
export type RunEventOf<T extends RunEventType> = Extract<RunEvent, { type: T }>;
