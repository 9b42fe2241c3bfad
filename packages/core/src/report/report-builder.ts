import type { RunEvent } from '../contracts/run-event.js';
import type { RunReport, TaskReport } from '../contracts/run-report.js';
import { computeRunMetrics, type TaskTiming } from './run-metrics.js';

/** Prices for the cost lines that are not model calls. */
export interface CostRates {
  /** USD per GB sent to providers (default 0.09, a typical cloud egress list price). */
  transferUsdPerGb: number;
  /** USD per GB-month stored (default 0.023, a typical object-storage list price). */
  storageUsdPerGbMonth: number;
}

export const defaultCostRates: CostRates = { transferUsdPerGb: 0.09, storageUsdPerGbMonth: 0.023 };

interface TaskSummary {
  id: string;
  parentId: string | null;
  agent: string;
  status: TaskReport['status'];
  queuedAt: number;
  startedAt: number | null;
  endedAt: number | null;
  waitingSince: number | null;
  waitingMs: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  costUsd: number;
  modelCalls: number;
  toolCalls: number;
  coordinationMs: number;
  hasChildren: boolean;
  dependsOn: string[] | undefined;
  error?: { code: string; message: string };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
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
        this.tasks.set(event.taskId, {
          id: event.taskId,
          parentId: event.parentId ?? null,
          agent: event.agent,
          status: 'running',
          queuedAt: event.time,
          startedAt: null,
          endedAt: null,
          waitingSince: null,
          waitingMs: 0,
          inputTokens: 0,
          outputTokens: 0,
          cachedInputTokens: 0,
          costUsd: 0,
          modelCalls: 0,
          toolCalls: 0,
          coordinationMs: 0,
          hasChildren: false,
          dependsOn: event.dependsOn,
        });
        if (event.parentId) {
          const parent = this.tasks.get(event.parentId);
          if (parent) parent.hasChildren = true;
        }
        const byAgent = this.agentPermissions(event.agent);
        for (const cap of event.capabilities ?? [])
          if (!byAgent.capabilities.includes(cap)) byAgent.capabilities.push(cap);
        break;
      }
      case 'task-started': {
        const task = this.tasks.get(event.taskId);
        if (task) task.startedAt = event.time;
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
          if (task.startedAt !== null) this.running--;
          task.status = event.status;
          task.endedAt = event.time;
          if (event.error) task.error = { code: event.error.code, message: event.error.message };
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

  private agentPermissions(agent: string) {
    let entry = this.permissions.byAgent[agent];
    if (!entry) {
      entry = { capabilities: [], attempted: 0, denied: 0 };
      this.permissions.byAgent[agent] = entry;
    }
    return entry;
  }

  /** The report as of now. */
  build(): RunReport {
    const tasks: TaskReport[] = [];
    const timings: TaskTiming[] = [];
    const totals = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 };
    let costUsd = 0;
    let modelCalls = 0;
    let toolCalls = 0;
    const end = this.endedAt ?? performance.timeOrigin + performance.now();
    for (const t of this.tasks.values()) {
      const duration = t.startedAt === null ? 0 : (t.endedAt ?? end) - t.startedAt;
      const usage: TaskReport['usage'] = { inputTokens: t.inputTokens, outputTokens: t.outputTokens };
      if (t.cachedInputTokens) usage.cachedInputTokens = t.cachedInputTokens;
      const report: TaskReport = {
        id: t.id,
        parentId: t.parentId,
        agent: t.agent,
        status: t.status,
        startedAt: iso(t.startedAt),
        endedAt: iso(t.endedAt),
        durationMs: duration,
        usage,
        costUsd: t.costUsd,
        modelCalls: t.modelCalls,
        toolCalls: t.toolCalls,
      };
      if (t.error) report.error = t.error;
      tasks.push(report);
      totals.inputTokens += t.inputTokens;
      totals.outputTokens += t.outputTokens;
      totals.cachedInputTokens += t.cachedInputTokens;
      costUsd += t.costUsd;
      modelCalls += t.modelCalls;
      toolCalls += t.toolCalls;
      timings.push({
        id: t.id,
        parentId: t.parentId,
        dependsOn: t.dependsOn,
        queuedAt: t.queuedAt,
        startedAt: t.startedAt,
        endedAt: t.endedAt ?? (t.startedAt === null ? null : end),
        waitingMs: t.waitingMs,
        coordinationMs: t.coordinationMs,
        hasChildren: t.hasChildren,
        succeeded: t.status === 'succeeded',
        tokens: t.inputTokens + t.outputTokens,
        costUsd: t.costUsd,
      });
    }
    let detected = 0;
    let leakedTotal = 0;
    for (const key in this.findings) detected += this.findings[key]!;
    for (const key in this.leaked) leakedTotal += this.leaked[key]!;
    const metrics = computeRunMetrics(timings, {
      startedAt: this.startedAt,
      endedAt: end,
      concurrencyLimit: this.concurrencyLimit,
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
      endedAt: iso(this.endedAt),
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
