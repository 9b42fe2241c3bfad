import { z } from 'zod';

/** Tokens used by one model call. */
export const UsageSchema = z.object({
  /** All input tokens, cached ones included. */
  inputTokens: z.number().int().nonnegative(),
  /** All output tokens, reasoning included. */
  outputTokens: z.number().int().nonnegative(),
  /** Input tokens read from the provider's prompt cache (a subset of `inputTokens`). */
  cachedInputTokens: z.number().int().nonnegative().optional(),
  /** Input tokens written to the provider's prompt cache (a subset of `inputTokens`). */
  cacheWriteInputTokens: z.number().int().nonnegative().optional(),
  /** Output tokens spent on reasoning (a subset of `outputTokens`). */
  reasoningTokens: z.number().int().nonnegative().optional(),
  /** The provider's usage object as received. */
  raw: z.unknown().optional(),
});
export type Usage = z.infer<typeof UsageSchema>;

/** Usage with every counter at zero. */
export function emptyUsage(): Usage {
  return { inputTokens: 0, outputTokens: 0 };
}

/** Adds `b` into `a` (mutating `a`) and returns it; optional counters appear once non-zero. */
export function addUsage(a: Usage, b: Usage): Usage {
  a.inputTokens += b.inputTokens;
  a.outputTokens += b.outputTokens;
  if (b.cachedInputTokens) a.cachedInputTokens = (a.cachedInputTokens ?? 0) + b.cachedInputTokens;
  if (b.cacheWriteInputTokens)
    a.cacheWriteInputTokens = (a.cacheWriteInputTokens ?? 0) + b.cacheWriteInputTokens;
  if (b.reasoningTokens) a.reasoningTokens = (a.reasoningTokens ?? 0) + b.reasoningTokens;
  return a;
}
