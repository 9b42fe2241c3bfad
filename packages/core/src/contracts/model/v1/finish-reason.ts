import { z } from 'zod';

/** Why generation stopped, in Baton's words. */
export const UnifiedFinishReasonSchema = z.enum([
  'stop',
  'length',
  'tool-calls',
  'content-filter',
  'error',
  'other',
]);
export type UnifiedFinishReason = z.infer<typeof UnifiedFinishReasonSchema>;

/** Why generation stopped: normalized, with the provider's raw value kept. */
export const FinishReasonSchema = z.object({
  /** Baton's normalized reason. */
  unified: UnifiedFinishReasonSchema,
  /** The provider's own value, e.g. `tool_use`, `STOP`, `end_turn`. */
  raw: z.string().optional(),
});
export type FinishReason = z.infer<typeof FinishReasonSchema>;
