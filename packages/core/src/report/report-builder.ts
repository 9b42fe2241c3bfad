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

/** Per task, only this summary is kept: it is also the task's timing for the metrics. */
interface TaskSummary extends TaskTiming {
  /** The parent's summary: metrics walk the tree by reference, without id lookups. */
  parent: TaskSummary | undefined;
  /** Summaries of the dependencies known when the task was queued. */
  dependencies: TaskSummary[] | undefined;
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
  private readonly tasks = new Map<string, TaskSummary>();
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
  private readonly dependents = new Map<string, TaskSummary[]>();
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
  private bytesStored = 0;

  constructor(
    private readonly concurrencyLimit: number,
    private readonly rates: CostRates = defaultCostRates,
  ) {}

  /** Feeds one event. */
  readonly add = (event: RunEvent): void => {
    const time = event.time;
    if (this.ready > 0 && this.running < this.concurrencyLimit) {
      this.idleWaitMs += (time - this.lastTime) * Math.min(this.ready, this.concurrencyLimit - this.running);
    }
    this.lastTime = time;
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
      case 'task-queued': {
        const parent = event.parentId === undefined ? undefined : this.tasks.get(event.parentId);
        const task: TaskSummary = {
          id: event.taskId,
          parentId: event.parentId ?? null,
          parent,
          dependencies: undefined,
          pathMs: 0,
          resultUsed: false,
          dependsOn: event.dependsOn,
          agent: event.agent,
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
        this.tasks.set(event.taskId, task);
        for (const dep of event.dependsOn ?? []) {
          const upstream = this.tasks.get(dep);
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
        if (task.pendingDeps > 0) task.state = BLOCKED;
        else this.ready++;
        if (parent) parent.hasChildren = true;
        this.agentPermissions(event.agent);
        if (event.capabilities && event.capabilities.length > 0) {
          let held = this.agentCapabilities.get(event.agent);
          if (!held) {
            held = new Set();
            this.agentCapabilities.set(event.agent, held);
          }
          for (const cap of event.capabilities) held.add(cap);
        }
        break;
      }
      case 'task-started': {
        const task = this.tasks.get(event.taskId);
        if (task) {
          task.startedAt = time;
          if (task.state === READY) this.ready--;
          task.state = STARTED;
        }
        this.running++;
        if (this.running > this.maxConcurrency) this.maxConcurrency = this.running;
        break;
      }
      case 'task-waiting': {
        const task = this.tasks.get(event.taskId);
        if (event.waiting) {
          this.running--;
          if (task) task.waitingSince = event.time;
        } else {
          this.running++;
          if (this.running > this.maxConcurrency) this.maxConcurrency = this.running;
          if (task && task.waitingSince !== null) {
            task.waitingMs += event.time - task.waitingSince;
            task.waitingSince = null;
          }
        }
        break;
      }
      case 'task-finished': {
        const task = this.tasks.get(event.taskId);
        if (task) {
          if (task.state === STARTED && task.waitingSince === null) this.running--;
          if (task.state === READY) this.ready--;
          task.state = DONE;
          task.status = event.status;
          task.succeeded = event.status === 'succeeded';
          task.endedAt = time;
          if (event.error) task.error = { code: event.error.code, message: event.error.message };
          const waiting = this.dependents.get(event.taskId);
          if (waiting) {
            this.dependents.delete(event.taskId);
            for (const dependent of waiting) {
              if (--dependent.pendingDeps === 0 && dependent.state === BLOCKED) {
                dependent.state = READY;
                this.ready++;
              }
            }
          }
        }
        break;
      }
      case 'model-call-started':
        this.bytesSent += event.bytes;
        break;
      case 'model-call-finished': {
        const task = this.tasks.get(event.taskId);
        if (!task) break;
        task.modelCalls++;
        task.inputTokens += event.usage.inputTokens;
        task.outputTokens += event.usage.outputTokens;
        task.tokens += event.usage.inputTokens + event.usage.outputTokens;
        task.cachedInputTokens += event.usage.cachedInputTokens ?? 0;
        task.costUsd += event.costUsd;
        if (event.coordination) task.coordinationMs += event.durationMs;
        break;
      }
      case 'model-call-failed': {
        const task = this.tasks.get(event.taskId);
        if (task) task.modelCalls++;
        break;
      }
      case 'tool-call-finished': {
        const task = this.tasks.get(event.taskId);
        if (task) task.toolCalls++;
        // A call that ran although its permission check said no would be an escape.
        if (event.status === 'ok' && this.deniedCalls.has(`${event.taskId}/${event.toolCallId}`))
          this.permissions.escaped++;
        break;
      }
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

  // Tasks are queued after their parent and dependencies, so one pass in queue order
  // computes each task's longest chain and whether its result reached the caller.
  private pathAndUse(): { criticalPathMs: number; usedTokens: number } {
    let criticalPath = 0;
    let usedTokens = 0;
    for (const t of this.tasks.values()) {
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
    const tasks: TaskReport[] = new Array(this.tasks.size);
    const totals = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 };
    let costUsd = 0;
    let modelCalls = 0;
    let toolCalls = 0;
    let index = 0;
    const end = this.endedAt ?? performance.timeOrigin + performance.now();
    for (const t of this.tasks.values()) {
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
    const metrics = computeRunMetrics([...this.tasks.values()], {
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
