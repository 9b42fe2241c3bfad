import type { Usage } from '../contracts/model/v1/usage.js';
import type { RunEvent } from '../contracts/run-event.js';
import type { RunReport, TaskReport } from '../contracts/run-report.js';
import { createIsoFormatter } from './iso-time.js';
import { computeRunMetrics, ownWorkMs, type TaskTiming } from './run-metrics.js';

/** Prices for the cost lines that are not model calls. */
export interface CostRates {
  /** USD per GB sent to providers (default 0.09, a typical cloud egress list price). */
  transferUsdPerGb: number;
  /** USD per GB-month stored (default 0.023, a typical object-storage list price). */
  storageUsdPerGbMonth: number;
}

export const defaultCostRates: CostRates = { transferUsdPerGb: 0.09, storageUsdPerGbMonth: 0.023 };

// Where a task is, for the running count of ready tasks waiting while a slot is free.
const BLOCKED = 0;
const READY = 1;
const STARTED = 2;
const DONE = 3;

/**
 * Per task, only this summary is kept: it is also the task's timing for the metrics. The
 * runtime holds it on the running task, so its hot events reach it without an id lookup.
 */
export interface ReportTask extends TaskTiming {
  /** The parent's summary: metrics walk the tree by reference, without id lookups. */
  parent: ReportTask | undefined;
  /** Summaries of the dependencies known when the task was queued. */
  dependencies: ReportTask[] | undefined;
  /** Longest chain of own work ending with this task (filled by `build`). */
  pathMs: number;
  /** Whether the result reached the caller (filled by `build`). */
  resultUsed: boolean;
  agent: string;
  status: TaskReport['status'];
  state: number;
  pendingDeps: number;
  waitingSince: number | null;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  modelCalls: number;
  toolCalls: number;
  error?: { code: string; message: string };
}

const GB = 1024 ** 3;
const DAY_MS = 86_400_000;

/**
 * Builds the run report from the event stream with running aggregates: each event is
 * looked at once, never rescanned; per task only a summary is kept.
 */
export class ReportBuilder {
  // Queue order. Lookups by id (events fed through `add`) use an index built on first need:
  // a run fed through the direct entry points never hashes its task ids.
  private readonly tasks: ReportTask[] = [];
  private byId: Map<string, ReportTask> | undefined;
  private runId = '';
  private startedAt = 0;
  private endedAt: number | null = null;
  private status: RunReport['status'] = 'running';
  private error: { code: string; message: string } | undefined;
  private running = 0;
  private maxConcurrency = 0;
  private bytesSent = 0;
  private readonly findings: Record<string, number> = {};
  private readonly leaked: Record<string, number> = {};
  private readonly permissions = {
    attempted: 0,
    denied: 0,
    escaped: 0,
    falseDenials: 0,
    approvals: { requested: 0, approved: 0, denied: 0 },
    byAgent: {} as Record<string, { capabilities: string[]; attempted: number; denied: number }>,
  };
  private readonly deniedCalls = new Set<string>();
  private readonly agentCapabilities = new Map<string, Set<string>>();
  private readonly dependents = new Map<string, ReportTask[]>();
  // Idle waiting (ready tasks queued while a slot was free), integrated as events arrive.
  private ready = 0;
  private idleWaitMs = 0;
  private lastTime = 0;
  private policyChecks = 0;
  private policyPassed = 0;
  private readonly retention = new Map<
    string,
    { kind: string; records: number; bytes: number; ttlMs: number }
  >();
  private storageByteDays = 0;
  // The agent whose permission entry exists already (a fan-out queues one agent many times).
  private lastAgent: string | undefined;
  private bytesStored = 0;

  constructor(
    private readonly concurrencyLimit: number,
    private readonly rates: CostRates = defaultCostRates,
  ) {}

  /** Feeds one event. */
  /** Feeds one event (events of a task that was never queued are ignored). */
  readonly add = (event: RunEvent): void => {
    this.advance(event.time);
    switch (event.type) {
      case 'run-started':
        this.runId = event.runId;
        this.startedAt = event.time;
        break;
      case 'run-finished':
        this.endedAt = event.time;
        this.status = event.status;
        if (event.error) this.error = { code: event.error.code, message: event.error.message };
        break;
      case 'task-queued':
        this.queued(
          event.taskId,
          event.parentId === undefined ? undefined : this.find(event.parentId),
          event.parentId,
          event.agent,
          event.capabilities,
          event.dependsOn,
          event.time,
        );
        break;
      case 'task-started': {
        const task = this.find(event.taskId);
        if (task) this.started(task, event.time);
        else this.startedUnknown();
        break;
      }
      case 'task-waiting': {
        const task = this.find(event.taskId);
        if (task) this.waiting(task, event.waiting, event.time);
        else this.running += event.waiting ? -1 : 1;
        if (this.running > this.maxConcurrency) this.maxConcurrency = this.running;
        break;
      }
      case 'task-finished': {
        const task = this.find(event.taskId);
        if (task) this.finished(task, event.status, event.error, event.time);
        break;
      }
      case 'model-call-started':
        this.bytesSent += event.bytes;
        break;
      case 'model-call-finished': {
        const task = this.find(event.taskId);
        if (task)
          this.modelCallFinished(task, event.usage, event.costUsd, event.coordination, event.durationMs);
        break;
      }
      case 'model-call-failed': {
        const task = this.find(event.taskId);
        if (task) task.modelCalls++;
        break;
      }
      case 'tool-call-finished':
        this.toolCallFinished(this.find(event.taskId), event.taskId, event.toolCallId, event.status);
        break;
      case 'permission-checked': {
        this.permissions.attempted++;
        this.policyChecks++;
        const byAgent = this.agentPermissions(event.agent);
        byAgent.attempted++;
        if (event.allowed) {
          this.policyPassed++;
        } else {
          this.permissions.denied++;
          byAgent.denied++;
          this.deniedCalls.add(`${event.taskId}/${event.toolCallId}`);
          if (event.reason.startsWith('permission check failed')) this.permissions.falseDenials++;
        }
        break;
      }
      case 'approval-requested':
        this.permissions.approvals.requested++;
        break;
      case 'approval-resolved':
        if (event.approved) this.permissions.approvals.approved++;
        else this.permissions.approvals.denied++;
        break;
      case 'policy-decision':
        this.policyChecks++;
        if (event.action !== 'deny') this.policyPassed++;
        break;
      case 'data-minimized':
        for (const key in event.findings)
          this.findings[key] = (this.findings[key] ?? 0) + event.findings[key]!;
        break;
      case 'egress-scanned': {
        this.policyChecks++;
        let leaks = 0;
        for (const key in event.leaked) {
          this.leaked[key] = (this.leaked[key] ?? 0) + event.leaked[key]!;
          leaks += event.leaked[key]!;
        }
        if (leaks === 0) this.policyPassed++;
        break;
      }
      case 'record-stored': {
        const key = `${event.kind}\u0000${event.ttlMs}`;
        const entry = this.retention.get(key) ?? {
          kind: event.kind,
          records: 0,
          bytes: 0,
          ttlMs: event.ttlMs,
        };
        entry.records += event.records;
        entry.bytes += event.bytes;
        this.retention.set(key, entry);
        this.bytesStored += event.bytes;
        this.storageByteDays += event.bytes * (event.ttlMs / DAY_MS);
        break;
      }
      default:
        break;
    }
  };

  // The direct entry points below are what the runtime calls for a task's lifecycle and model
  // calls, with the task's summary in hand: no event object, no id lookup. `add` routes the
  // same events through them, so both paths keep the same aggregates.

  /**
   * Integrates idle waiting (ready tasks queued while a slot is free) up to `time`. The
   * integrand changes only when tasks are queued, start, wait or finish, so calling this at
   * those points alone gives the same integral as calling it on every event.
   */
  private advance(time: number): void {
    if (this.ready > 0 && this.running < this.concurrencyLimit) {
      this.idleWaitMs += (time - this.lastTime) * Math.min(this.ready, this.concurrencyLimit - this.running);
    }
    this.lastTime = time;
  }

  /** The task queued under `taskId`, or undefined. Builds the id index on first use. */
  private find(taskId: string): ReportTask | undefined {
    let byId = this.byId;
    if (byId === undefined) {
      byId = new Map();
      for (const t of this.tasks) byId.set(t.id, t);
      this.byId = byId;
    }
    return byId.get(taskId);
  }

  /** A task was queued (`task-queued`); returns its summary for the other entry points. */
  queued(
    taskId: string,
    parent: ReportTask | undefined,
    parentId: string | undefined,
    agent: string,
    capabilities: readonly string[] | undefined,
    dependsOn: readonly string[] | undefined,
    time: number,
  ): ReportTask {
    this.advance(time);
    const task: ReportTask = {
      id: taskId,
      parentId: parentId ?? null,
      parent,
      dependencies: undefined,
      pathMs: 0,
      resultUsed: false,
      dependsOn,
      agent,
      status: 'running',
      state: READY,
      pendingDeps: 0,
      queuedAt: time,
      startedAt: null,
      endedAt: null,
      waitingSince: null,
      waitingMs: 0,
      coordinationMs: 0,
      hasChildren: false,
      succeeded: false,
      tokens: 0,
      inputTokens: 0,
      outputTokens: 0,
      cachedInputTokens: 0,
      costUsd: 0,
      modelCalls: 0,
      toolCalls: 0,
    };
    this.tasks.push(task);
    if (this.byId !== undefined) this.byId.set(taskId, task);
    if (dependsOn !== undefined && dependsOn.length > 0) {
      for (const dep of dependsOn) {
        const upstream = this.find(dep);
        if (upstream) {
          if (!task.dependencies) task.dependencies = [];
          task.dependencies.push(upstream);
        }
        if (upstream?.state === DONE) continue;
        task.pendingDeps++;
        const list = this.dependents.get(dep);
        if (list) list.push(task);
        else this.dependents.set(dep, [task]);
      }
    }
    if (task.pendingDeps > 0) task.state = BLOCKED;
    else this.ready++;
    if (parent) parent.hasChildren = true;
    if (this.lastAgent !== agent) {
      this.agentPermissions(agent);
      this.lastAgent = agent;
    }
    if (capabilities && capabilities.length > 0) {
      let held = this.agentCapabilities.get(agent);
      if (!held) {
        held = new Set();
        this.agentCapabilities.set(agent, held);
      }
      for (const cap of capabilities) held.add(cap);
    }
    return task;
  }

  /** A queued task got its slots (`task-started`). */
  started(task: ReportTask, time: number): void {
    this.advance(time);
    task.startedAt = time;
    if (task.state === READY) this.ready--;
    task.state = STARTED;
    this.running++;
    if (this.running > this.maxConcurrency) this.maxConcurrency = this.running;
  }

  // A start of a task that was never queued still counts as running.
  private startedUnknown(): void {
    this.running++;
    if (this.running > this.maxConcurrency) this.maxConcurrency = this.running;
  }

  /** A task gave back its slots to wait on its children, or took them back (`task-waiting`). */
  waiting(task: ReportTask, waiting: boolean, time: number): void {
    this.advance(time);
    if (waiting) {
      this.running--;
      task.waitingSince = time;
    } else {
      this.running++;
      if (this.running > this.maxConcurrency) this.maxConcurrency = this.running;
      if (task.waitingSince !== null) {
        task.waitingMs += time - task.waitingSince;
        task.waitingSince = null;
      }
    }
  }

  /** A task ended (`task-finished`). */
  finished(
    task: ReportTask,
    status: ReportTask['status'],
    error: { code: string; message: string } | undefined,
    time: number,
  ): void {
    this.advance(time);
    if (task.state === STARTED && task.waitingSince === null) this.running--;
    if (task.state === READY) this.ready--;
    task.state = DONE;
    task.status = status;
    task.succeeded = status === 'succeeded';
    task.endedAt = time;
    if (error) task.error = { code: error.code, message: error.message };
    if (this.dependents.size === 0) return;
    const waiting = this.dependents.get(task.id);
    if (waiting) {
      this.dependents.delete(task.id);
      for (const dependent of waiting) {
        if (--dependent.pendingDeps === 0 && dependent.state === BLOCKED) {
          dependent.state = READY;
          this.ready++;
        }
      }
    }
  }

  /** A model call sent `bytes` (`model-call-started`). */
  modelCallStarted(bytes: number): void {
    this.bytesSent += bytes;
  }

  /** A model call of `task` answered (`model-call-finished`). */
  modelCallFinished(
    task: ReportTask,
    usage: Usage,
    costUsd: number,
    coordination: boolean,
    durationMs: number,
  ): void {
    task.modelCalls++;
    task.inputTokens += usage.inputTokens;
    task.outputTokens += usage.outputTokens;
    task.tokens += usage.inputTokens + usage.outputTokens;
    task.cachedInputTokens += usage.cachedInputTokens ?? 0;
    task.costUsd += costUsd;
    if (coordination) task.coordinationMs += durationMs;
  }

  /** A model call of `task` failed (`model-call-failed`). */
  modelCallFailed(task: ReportTask): void {
    task.modelCalls++;
  }

  /** A tool call ended (`tool-call-finished`). */
  toolCallFinished(
    task: ReportTask | undefined,
    taskId: string,
    toolCallId: string,
    status: 'ok' | 'error' | 'denied',
  ): void {
    if (task) task.toolCalls++;
    // A call that ran although its permission check said no would be an escape.
    if (status === 'ok' && this.deniedCalls.size > 0 && this.deniedCalls.has(`${taskId}/${toolCallId}`))
      this.permissions.escaped++;
  }

  // Tasks are queued after their parent and dependencies, so one pass in queue order
  // computes each task's longest chain and whether its result reached the caller.
  private pathAndUse(): { criticalPathMs: number; usedTokens: number } {
    let criticalPath = 0;
    let usedTokens = 0;
    // Indexed loops: `build` runs once, often before the JIT optimizes it, and an interpreted
    // for-of allocates an iterator result per task.
    const all = this.tasks;
    for (let i = 0; i < all.length; i++) {
      const t = all[i]!;
      let before = t.parent ? t.parent.pathMs : 0;
      if (t.dependencies) for (const d of t.dependencies) if (d.pathMs > before) before = d.pathMs;
      t.pathMs = before + ownWorkMs(t);
      if (t.pathMs > criticalPath) criticalPath = t.pathMs;
      t.resultUsed = t.succeeded && (t.parent ? t.parent.resultUsed : true);
      if (t.resultUsed) usedTokens += t.tokens;
    }
    return { criticalPathMs: criticalPath, usedTokens };
  }

  private agentPermissions(agent: string) {
    let entry = this.permissions.byAgent[agent];
    if (!entry) {
      entry = { capabilities: [], attempted: 0, denied: 0 };
      this.permissions.byAgent[agent] = entry;
    }
    return entry;
  }

  /** The report as of now (tasks still running count no work yet). */
  build(): RunReport {
    const iso = createIsoFormatter();
    const tasks: TaskReport[] = new Array(this.tasks.length);
    const totals = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 };
    let costUsd = 0;
    let modelCalls = 0;
    let toolCalls = 0;
    let index = 0;
    const end = this.endedAt ?? performance.timeOrigin + performance.now();
    const all = this.tasks;
    for (let i = 0; i < all.length; i++) {
      const t = all[i]!;
      const usage: TaskReport['usage'] = { inputTokens: t.inputTokens, outputTokens: t.outputTokens };
      if (t.cachedInputTokens) usage.cachedInputTokens = t.cachedInputTokens;
      const report: TaskReport = {
        id: t.id,
        parentId: t.parentId,
        agent: t.agent,
        status: t.status,
        startedAt: t.startedAt === null ? null : iso(t.startedAt),
        endedAt: t.endedAt === null ? null : iso(t.endedAt),
        durationMs: t.startedAt === null ? 0 : (t.endedAt ?? end) - t.startedAt,
        usage,
        costUsd: t.costUsd,
        modelCalls: t.modelCalls,
        toolCalls: t.toolCalls,
      };
      if (t.error) report.error = t.error;
      tasks[index++] = report;
      totals.inputTokens += t.inputTokens;
      totals.outputTokens += t.outputTokens;
      totals.cachedInputTokens += t.cachedInputTokens;
      costUsd += t.costUsd;
      modelCalls += t.modelCalls;
      toolCalls += t.toolCalls;
    }
    for (const [agent, held] of this.agentCapabilities) this.agentPermissions(agent).capabilities = [...held];
    let detected = 0;
    let leakedTotal = 0;
    for (const key in this.findings) detected += this.findings[key]!;
    for (const key in this.leaked) leakedTotal += this.leaked[key]!;
    const metrics = computeRunMetrics(this.tasks, {
      startedAt: this.startedAt,
      endedAt: end,
      concurrencyLimit: this.concurrencyLimit,
      idleWaitMs: this.idleWaitMs,
      ...this.pathAndUse(),
    });
    const usage: RunReport['totals']['usage'] = {
      inputTokens: totals.inputTokens,
      outputTokens: totals.outputTokens,
    };
    if (totals.cachedInputTokens) usage.cachedInputTokens = totals.cachedInputTokens;
    const report: RunReport = {
      runId: this.runId,
      status: this.status,
      startedAt: new Date(this.startedAt).toISOString(),
      endedAt: this.endedAt === null ? null : new Date(this.endedAt).toISOString(),
      tasks,
      totals: {
        tasks: tasks.length,
        modelCalls,
        toolCalls,
        usage,
        costUsd,
        bytesSent: this.bytesSent,
        bytesStored: this.bytesStored,
        maxConcurrency: this.maxConcurrency,
      },
      metrics: {
        ...metrics,
        dataLeakageRate: detected + leakedTotal === 0 ? null : leakedTotal / Math.max(detected, leakedTotal),
        permissionViolationRate:
          this.permissions.attempted === 0 ? null : this.permissions.denied / this.permissions.attempted,
        complianceRate: this.policyChecks === 0 ? null : this.policyPassed / this.policyChecks,
      },
      minimization: { findings: { ...this.findings }, leaked: { ...this.leaked } },
      permissions: structuredClone(this.permissions),
      costs: {
        execution: costUsd,
        transfer: (this.bytesSent / GB) * this.rates.transferUsdPerGb,
        storage: (this.storageByteDays / GB) * (this.rates.storageUsdPerGbMonth / 30),
      },
      retention: [...this.retention.values()],
    };
    if (this.error) report.error = this.error;
    return report;
  }
}
