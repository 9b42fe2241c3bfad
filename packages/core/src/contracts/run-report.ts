import { z } from 'zod';
import { TaskStatusSchema } from './task.js';

const UsageTotalsSchema = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  cachedInputTokens: z.number().optional(),
});

/** One task in the report: a summary, never its message history. */
export const TaskReportSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  agent: z.string(),
  status: TaskStatusSchema.or(z.literal('running')),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  durationMs: z.number(),
  usage: UsageTotalsSchema,
  costUsd: z.number(),
  modelCalls: z.number(),
  toolCalls: z.number(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type TaskReport = z.infer<typeof TaskReportSchema>;

/** Efficiency and compliance figures; `null` where the run gives nothing to measure. */
export const RunMetricsSchema = z.object({
  /** lowerBound / makespan, lowerBound = max(critical path, total work / concurrency). */
  schedulingEfficiency: z.number().nullable(),
  /** leaf work / (leaf work + coordination time). */
  coordinationEfficiency: z.number().nullable(),
  /** tokens of tasks whose results were used / all tokens. */
  resourceAllocationEfficiency: z.number().nullable(),
  /** busy slot time / (concurrency limit × makespan). */
  slotUtilization: z.number().nullable(),
  /** sensitive values that crossed egress / sensitive values detected. */
  dataLeakageRate: z.number().nullable(),
  /** out-of-scope tool calls attempted / tool calls attempted. */
  permissionViolationRate: z.number().nullable(),
  /** policy checks passed / policy checks made. */
  complianceRate: z.number().nullable(),
});
export type RunMetrics = z.infer<typeof RunMetricsSchema>;

/** The run report: the stable shape other tools read (see the CLI contract). */
export const RunReportSchema = z.object({
  runId: z.string(),
  status: z.enum(['succeeded', 'failed', 'cancelled', 'running']),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  tasks: z.array(TaskReportSchema),
  totals: z.object({
    tasks: z.number(),
    modelCalls: z.number(),
    toolCalls: z.number(),
    usage: UsageTotalsSchema,
    costUsd: z.number(),
    bytesSent: z.number(),
    bytesStored: z.number(),
    maxConcurrency: z.number(),
  }),
  metrics: RunMetricsSchema,
  minimization: z.object({
    findings: z.record(z.string(), z.number()),
    leaked: z.record(z.string(), z.number()),
  }),
  permissions: z.object({
    attempted: z.number(),
    denied: z.number(),
    escaped: z.number(),
    falseDenials: z.number(),
    approvals: z.object({ requested: z.number(), approved: z.number(), denied: z.number() }),
    byAgent: z.record(
      z.string(),
      z.object({ capabilities: z.array(z.string()), attempted: z.number(), denied: z.number() }),
    ),
  }),
  costs: z.object({ execution: z.number(), transfer: z.number(), storage: z.number() }),
  retention: z.array(
    z.object({ kind: z.string(), records: z.number(), bytes: z.number(), ttlMs: z.number() }),
  ),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type RunReport = z.infer<typeof RunReportSchema>;
