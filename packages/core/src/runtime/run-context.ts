import type { BudgetLedger } from '../budget/budget-ledger.js';
import type { Agent } from '../contracts/agent.js';
import type { Budget } from '../contracts/budget.js';
import type { PermissionGate } from '../contracts/permission-gate.js';
import type { Policy, PolicyContext } from '../contracts/policy.js';
import type { PriceTable } from '../pricing/price-table.js';
import type { ReportBuilder, ReportTask } from '../report/report-builder.js';
import type { PriorityScheduler, SchedulerTicket } from '../scheduler/create-scheduler.js';
import type { Lease, Scheduler } from '../scheduler/scheduler.js';
import type { ApprovalRegistry } from './approvals.js';
import type { DeadlineTimer } from './deadline-timer.js';
import type { RunEventStream } from './event-stream.js';
import type { ModelRegistry } from './model-registry.js';
import type { CancellationSignal, TaskCancellation } from './task-cancellation.js';

/** Waits for request and token capacity of one provider model (`provider:model`). */
export interface RateLimiter {
  /** Resolves (or returns synchronously) when a call of `tokens` may start. */
  acquire(key: string, tokens: number, signal?: CancellationSignal): void | Promise<void>;
  /** Feeds back what the provider said (rate-limit headers, or a 429's retry hint). */
  observe?(
    key: string,
    info: {
      rateLimit?: import('../contracts/model/v1/rate-limit-info.js').RateLimitInfo;
      retryAfterMs?: number;
      usedTokens?: number;
    },
  ): void;
}

/** How model calls are retried (exponential backoff with full jitter, honouring `retry-after`). */
export interface ModelCallRetry {
  /** Retries after the first attempt. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server hint longer than this is not waited for. */
  maxRetryAfterMs: number;
}

/** Everything a run shares; built once per `orchestrator.run`. */
export interface RunContext {
  readonly runId: string;
  readonly events: RunEventStream;
  /** The run's report: the event stream's tap, fed a task's hot events directly. */
  readonly report: ReportBuilder;
  readonly registry: ModelRegistry;
  readonly defaultModel: string;
  readonly policies: readonly Policy[];
  readonly egressPolicies: readonly Policy[];
  readonly toolPolicies: readonly Policy[];
  readonly ingressPolicies: readonly Policy[];
  readonly inspectors: readonly Policy[];
  readonly permissions: PermissionGate | undefined;
  readonly scheduler: Scheduler;
  /** The scheduler again when it takes tickets (the default one): tasks are then passed by handle. */
  readonly ticketScheduler: PriorityScheduler | undefined;
  readonly ledger: BudgetLedger;
  readonly budgeted: boolean;
  readonly rateLimiter: RateLimiter | undefined;
  /** Retry policy for model calls; undefined disables retries. */
  readonly retry: ModelCallRetry | undefined;
  /** Fallback model references by `provider:model`, tried in order after repeated failure. */
  readonly fallbacks: Readonly<Record<string, readonly string[]>> | undefined;
  readonly prices: PriceTable;
  readonly approvals: ApprovalRegistry;
  readonly approvalTimeoutMs: number;
  readonly deadlines: DeadlineTimer;
  readonly runState: Map<unknown, unknown>;
  readonly idempotency: Map<string, Promise<unknown>>;
  nextTaskId(): string;
  /** The next model call's number (its id is `c<number>`, made only when something reads it). */
  nextCallNumber(): number;
}

/** What a plan step needs besides its task: its input from its dependencies, and a place for its output. */
export interface PlanStepState {
  /** Builds the input once the dependencies finished; throws `CancelledError` if one did not succeed. */
  input(): unknown;
  /** Records the output, before the step's dependents can start. */
  succeeded(output: unknown): void;
}

/** One task while it runs. Dropped (with its messages) when it finishes. */
export interface TaskState {
  readonly id: string;
  readonly agent: Agent;
  readonly parent: TaskState | undefined;
  /** The agent's input (a plan step's is built when its dependencies have succeeded). */
  input: unknown;
  readonly priority: number;
  readonly capabilities: readonly string[];
  /** Cancels the task; hands out a real AbortSignal only on demand. */
  readonly cancellation: TaskCancellation;
  readonly budget: Budget | undefined;
  readonly dependsOn: readonly string[] | undefined;
  readonly expectedMs: number | undefined;
  /**
   * Running children, oldest first, as an intrusive list (`firstChild` → `nextSibling` …):
   * adding and removing one costs a few field writes, no hashing, on every delegation.
   */
  firstChild: TaskState | undefined;
  lastChild: TaskState | undefined;
  prevSibling: TaskState | undefined;
  nextSibling: TaskState | undefined;
  lease: Lease | undefined;
  /** The task's scheduler ticket, when the scheduler takes tickets. */
  ticket: SchedulerTicket | undefined;
  policyContext: PolicyContext | undefined;
  /** Set when the task is a step of `ctx.plan`. */
  step: PlanStepState | undefined;
  /** The task's entry in the run report (fed directly, without events or id lookups). */
  summary: ReportTask;
}
