import type { BudgetLedger } from '../budget/budget-ledger.js';
import { createBudgetLedger } from '../budget/create-budget-ledger.js';
import type { Agent } from '../contracts/agent.js';
import type { Budget } from '../contracts/budget.js';
import type { PermissionGate } from '../contracts/permission-gate.js';
import type { Policy } from '../contracts/policy.js';
import type { RunEvent } from '../contracts/run-event.js';
import type { RunReport } from '../contracts/run-report.js';
import { CancelledError } from '../errors/cancelled-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { JsonlJournal } from '../journal/jsonl-journal.js';
import { defaultPriceTable, type PriceTable } from '../pricing/price-table.js';
import { type CostRates, defaultCostRates, ReportBuilder } from '../report/report-builder.js';
import { createScheduler, hasTickets } from '../scheduler/create-scheduler.js';
import type { Scheduler } from '../scheduler/scheduler.js';
import { ApprovalRegistry } from './approvals.js';
import { fallbackModel } from './config.js';
import { DeadlineTimer } from './deadline-timer.js';
import { type RunEventListener, RunEventStream } from './event-stream.js';
import { createCounter, createRunId } from './ids.js';
import type { ModelRegistry } from './model-registry.js';
import type { ModelCallRetry, RateLimiter, RunContext } from './run-context.js';
import { summarizeError } from './runner/error-summary.js';
import { policyContextOf } from './runner/policy-context.js';
import { cancelTask, createTask, runTask } from './task-runner.js';

/** Who starts a run, and what they may do. */
export interface Principal {
  id: string;
  /** Capabilities the principal holds; the root task gets at most these. */
  grants: readonly string[];
}

/** How an orchestrator runs agents. */
export interface OrchestratorOptions {
  /** Resolves model references to adapters. */
  registry: ModelRegistry;
  /** Model for agents that name none (default `local:default`). */
  defaultModel?: string;
  /** Policies at the four boundaries, applied in order. */
  policies?: readonly Policy[];
  /** Checks tool calls and attenuates delegated capabilities (`capabilityGate()` from `@baton/policy`). */
  permissions?: PermissionGate;
  /** The caller; defaults to an anonymous principal holding what the root agent requests. */
  principal?: Principal;
  /** Run-wide limits: concurrency (default 64) and a hard budget. */
  limits?: {
    concurrency?: number;
    budget?: Budget;
    /** Concurrency pools besides the run's, e.g. `{ 'agent:writer': 2, 'agent:*': 8 }` (see `createScheduler`). */
    pools?: Readonly<Record<string, number>>;
    /** Hard caps per agent name, over all of that agent's tasks (see `createBudgetLedger`). */
    agents?: Readonly<Record<string, Budget>>;
  };
  /** Replaces the default priority scheduler. */
  scheduler?: (options: { concurrency: number; pools?: Readonly<Record<string, number>> }) => Scheduler;
  /** Replaces the default run-level budget ledger. */
  ledger?: (options: { run?: Budget; agents?: Readonly<Record<string, Budget>> }) => BudgetLedger;
  /** Request and token rate limits per provider model. */
  rateLimiter?: RateLimiter;
  /** Model prices (merged over the defaults). */
  prices?: PriceTable;
  /** Transfer and storage prices for the report's cost lines. */
  costRates?: Partial<CostRates>;
  /** How long a tool call waits for a human approval before it is denied (default 5 minutes). */
  approvalTimeoutMs?: number;
  /**
   * Retries of retryable model-call failures (default: 2 retries, 500 ms base, 8 s cap,
   * server hints up to 60 s honoured); `false` turns retries off.
   */
  retry?: Partial<ModelCallRetry> | false;
  /**
   * Models to try, in order, when a model keeps failing with an outage, throttling,
   * timeout or credential error: `{ 'openai:gpt-5.5': ['anthropic:claude-opus-4-7'] }`.
   * Each move is a `fallback-used` event.
   */
  fallbacks?: Readonly<Record<string, readonly string[]>>;
}

/** Options of one run. */
export interface RunOptions {
  /** Run id (default: generated). */
  runId?: string;
  /** Cancels the whole run. */
  signal?: AbortSignal;
  /** Receives every event synchronously (journals, progress). */
  onEvent?: RunEventListener;
  /** Priority of the root task. */
  priority?: number;
  /** Absolute deadline (epoch ms) for the whole run. */
  deadline?: number;
  /** Appends every event to this JSONL file (kept when the run fails). */
  journal?: { path: string; ttlMs?: number };
}

/** How a run ended: always resolves, the report included. */
export interface RunOutcome<Output> {
  status: 'succeeded' | 'failed' | 'cancelled';
  output: Output | undefined;
  error: unknown;
  report: RunReport;
}

/** A run in progress: await it for `{ output, report }` (rejects when the run fails). */
export interface Run<Output> extends PromiseLike<{ output: Output; report: RunReport }> {
  readonly runId: string;
  /** Every event of the run, buffered from the moment you first read this property. */
  readonly events: AsyncIterable<RunEvent>;
  /** Resolves when the run ends, whatever the outcome. */
  readonly result: Promise<RunOutcome<Output>>;
  /** The report as of now (running aggregates). */
  report(): RunReport;
  /** Cancels the run and every task in it. */
  cancel(reason?: string): void;
}

/** Runs agents under one set of models, policies, permissions and limits. */
export interface Orchestrator {
  /** Starts a run of `agent` on `input`. */
  run<Input, Output>(agent: Agent<Input, Output>, input: Input, options?: RunOptions): Run<Output>;
  /** Approves a pending tool call (id from an `approval-requested` event); false if unknown or used. */
  approve(approvalId: string): boolean;
  /** Denies a pending tool call; false if unknown or used. */
  deny(approvalId: string): boolean;
  /** Approval ids waiting for a decision. */
  pendingApprovals(): string[];
}

/** Creates an orchestrator. */
export function createOrchestrator(options: OrchestratorOptions): Orchestrator {
  const concurrency = options.limits?.concurrency ?? 64;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new ValidationError(`limits.concurrency must be a positive integer, got ${concurrency}`);
  }
  const policies = options.policies ?? [];
  const prices = options.prices ? { ...defaultPriceTable, ...options.prices } : defaultPriceTable;
  const costRates = { ...defaultCostRates, ...options.costRates };
  const approvals = new ApprovalRegistry();
  const retry: ModelCallRetry | undefined =
    options.retry === false
      ? undefined
      : { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 60_000, ...options.retry };

  function start<Input, Output>(
    agent: Agent<Input, Output>,
    input: Input,
    runOptions: RunOptions = {},
  ): Run<Output> {
    const runId = runOptions.runId ?? createRunId();
    const report = new ReportBuilder(concurrency, costRates);
    // The report taps the stream (it sees every event first), so `observed` tells whether
    // anyone else listens.
    const events = new RunEventStream(runId, report.add);
    if (runOptions.onEvent) events.subscribe(runOptions.onEvent);
    const runState = new Map<unknown, unknown>();
    const journal = runOptions.journal
      ? new JsonlJournal({ ...runOptions.journal, policies, runState })
      : undefined;
    if (journal) events.subscribe(journal.write);
    const deadlines = new DeadlineTimer();
    const budgeted =
      options.limits?.budget !== undefined ||
      options.limits?.agents !== undefined ||
      options.ledger !== undefined;
    const ledgerOptions: { run?: Budget; agents?: Readonly<Record<string, Budget>> } = {};
    if (options.limits?.budget) ledgerOptions.run = options.limits.budget;
    if (options.limits?.agents) ledgerOptions.agents = options.limits.agents;
    const scheduler = (options.scheduler ?? createScheduler)(
      options.limits?.pools ? { concurrency, pools: options.limits.pools } : { concurrency },
    );
    const context: RunContext = {
      runId,
      events,
      report,
      registry: options.registry,
      defaultModel: options.defaultModel ?? fallbackModel,
      policies,
      egressPolicies: policies.filter((p) => p.beforeModelCall),
      toolPolicies: policies.filter((p) => p.beforeToolCall),
      ingressPolicies: policies.filter((p) => p.afterResult),
      inspectors: policies.filter((p) => p.inspectEgress),
      permissions: options.permissions,
      scheduler,
      ticketScheduler: hasTickets(scheduler) ? scheduler : undefined,
      ledger: (options.ledger ?? createBudgetLedger)(ledgerOptions),
      budgeted,
      rateLimiter: options.rateLimiter,
      retry,
      fallbacks: options.fallbacks,
      prices,
      approvals,
      approvalTimeoutMs: options.approvalTimeoutMs ?? 300_000,
      deadlines,
      runState,
      idempotency: new Map(),
      nextTaskId: createCounter('t'),
      nextCallNumber: (() => {
        let calls = 0;
        return () => ++calls;
      })(),
    };
    const principal = options.principal;
    const requested = agent.capabilities;
    const capabilities = principal
      ? options.permissions
        ? options.permissions.attenuate(principal.grants, requested)
        : principal.grants
      : (requested ?? []);

    let root: ReturnType<typeof createTask> | undefined;
    let cancelled: unknown;
    const cancel = (reason: unknown) => {
      cancelled ??= reason;
      if (root) cancelTask(root, reason);
    };
    const onAbort = () => cancel(new CancelledError(`run ${runId} cancelled`));
    runOptions.signal?.addEventListener('abort', onAbort, { once: true });

    const result = (async (): Promise<RunOutcome<Output>> => {
      // Start on a later tick so the caller can subscribe to `run.events` first.
      await Promise.resolve();
      events.emit({
        type: 'run-started',
        rootTaskId: 't0',
        agent: agent.name,
        ...(principal ? { principal: principal.id } : {}),
      });
      let outcome: RunOutcome<Output>;
      try {
        root = createTask(context, {
          id: 't0',
          agent: agent as Agent,
          input,
          parent: undefined,
          capabilities,
          ...(runOptions.priority !== undefined ? { priority: runOptions.priority } : {}),
          ...(runOptions.deadline !== undefined ? { deadline: runOptions.deadline } : {}),
        });
        if (cancelled !== undefined || runOptions.signal?.aborted)
          cancelTask(root, cancelled ?? new CancelledError(`run ${runId} cancelled`));
        let output = (await runTask(context, root)) as Output;
        for (const policy of context.ingressPolicies) {
          const decision = await policy.afterResult!(
            { kind: 'final', output },
            policyContextOf(context, root),
          );
          if (decision.action === 'transform' && decision.value.kind === 'final')
            output = decision.value.output as Output;
          if (decision.action === 'deny')
            throw new ValidationError(`policy ${policy.name} withheld the final output: ${decision.reason}`);
        }
        if (agent.outcome && !agent.outcome(output)) {
          throw new ValidationError(`agent ${agent.name}: the output does not meet its outcome criteria`);
        }
        outcome = { status: 'succeeded', output, error: undefined, report: undefined as never };
      } catch (error) {
        const status =
          root?.cancellation.aborted || CancelledError.isInstance(error) ? 'cancelled' : 'failed';
        outcome = { status, output: undefined, error, report: undefined as never };
      }
      const finished: Parameters<typeof events.emit>[0] = { type: 'run-finished', status: outcome.status };
      if (outcome.error !== undefined) finished.error = summarizeError(outcome.error);
      events.emit(finished);
      if (journal) for (const stored of journal.summaryEvents()) events.emit(stored);
      for (const policy of policies) policy.onRunEnd?.({ runId, runState, emit: (e) => void events.emit(e) });
      deadlines.dispose();
      runOptions.signal?.removeEventListener('abort', onAbort);
      events.close();
      outcome.report = report.build();
      return outcome;
    })();

    let iterable: AsyncIterable<RunEvent> | undefined;
    return {
      runId,
      get events() {
        iterable ??= events.iterate();
        return iterable;
      },
      result,
      report: () => report.build(),
      cancel: (reason) => cancel(new CancelledError(reason ?? `run ${runId} cancelled`)),
      // biome-ignore lint/suspicious/noThenProperty: a Run is deliberately awaitable.
      then(onFulfilled, onRejected) {
        return result
          .then((outcome) => {
            if (outcome.status !== 'succeeded') throw outcome.error;
            return { output: outcome.output as Output, report: outcome.report };
          })
          .then(onFulfilled, onRejected);
      },
    };
  }

  return {
    run: start,
    approve: (id) => approvals.approve(id),
    deny: (id) => approvals.deny(id),
    pendingApprovals: () => approvals.list(),
  };
}
