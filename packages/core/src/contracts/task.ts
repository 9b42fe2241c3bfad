import { z } from 'zod';
import { BudgetSchema } from './budget.js';

/** A unit of work for one agent. Tasks form a DAG through `dependsOn`; delegation adds children. */
export const TaskSpecSchema = z.object({
  /** Unique within the run. */
  id: z.string().min(1),
  /** Name of the agent that runs it. */
  agent: z.string().min(1),
  /** The task's input (a string prompt or any JSON value). */
  input: z.unknown(),
  /** Higher runs first. Default 0. */
  priority: z.number().default(0),
  /** Ids of tasks that must finish first; their outputs are passed to this task. */
  dependsOn: z.array(z.string()).default([]),
  /** Absolute deadline (epoch ms); the task and its subtree are cancelled after it. */
  deadline: z.number().optional(),
  /** Expected duration in ms, used to rank the critical path. */
  expectedMs: z.number().nonnegative().optional(),
  /** Caps for this task and its subtree. */
  budget: BudgetSchema.optional(),
  /** Capabilities requested; the task gets the intersection with its parent's. */
  capabilities: z.array(z.string()).optional(),
  /** The delegating task, if any. */
  parentId: z.string().optional(),
});
export type TaskSpec = z.input<typeof TaskSpecSchema>;
export type Task = z.output<typeof TaskSpecSchema>;

/** Where a task ended. */
export const TaskStatusSchema = z.enum(['succeeded', 'failed', 'cancelled', 'skipped']);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;
