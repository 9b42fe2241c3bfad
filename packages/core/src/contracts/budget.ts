import { z } from 'zod';

/** Hard caps. Any field left out is unlimited. */
export const BudgetSchema = z.object({
  /** Input + output tokens. */
  tokens: z.number().nonnegative().optional(),
  /** Model cost in USD, priced from the price table. */
  costUsd: z.number().nonnegative().optional(),
  /** Wall time in milliseconds from the start of the task (or run). */
  timeMs: z.number().nonnegative().optional(),
  /** Number of model calls. */
  modelCalls: z.number().int().nonnegative().optional(),
});
export type Budget = z.infer<typeof BudgetSchema>;
