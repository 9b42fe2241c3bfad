import { ValidationError } from '@baton/core/contracts';
import { z } from 'zod';

const LatencySchema = z.union([
  z.number().nonnegative().finite(),
  z.strictObject({
    meanMs: z.number().nonnegative().finite(),
    jitterMs: z.number().nonnegative().finite().optional(),
  }),
]);
const RateSchema = z.number().min(0).max(1);
const FailureRateSchema = z
  .union([
    RateSchema,
    z.strictObject({ unavailable: RateSchema.optional(), rateLimit: RateSchema.optional() }),
  ])
  .refine((value) => typeof value === 'number' || (value.unavailable ?? 0) + (value.rateLimit ?? 0) <= 1, {
    message: 'unavailable + rateLimit must not exceed 1',
  });

/** Options of `createLocalModel` (strict: an unknown key is an error). */
export const LocalModelOptionsSchema = z.strictObject({
  /** Model id reported in results (default `default`). */
  modelId: z.string().min(1).optional(),
  /** Provider name reported in results and errors (default `local`). */
  provider: z.string().min(1).optional(),
  /** Simulated latency per call: milliseconds, or `{ meanMs, jitterMs }` drawn from the seeded PRNG. 0 = no timer. */
  latencyMs: LatencySchema.optional(),
  /** Probability of a simulated failure per call (split evenly), or `{ unavailable, rateLimit }`. */
  failureRate: FailureRateSchema.optional(),
  /** `retryAfterMs` carried by simulated `RateLimitError`s (default: none, so callers back off on their own). */
  retryAfterMs: z.number().int().nonnegative().optional(),
  /** Seed of the PRNG behind latency jitter and failures (default 42). */
  seed: z.number().int().optional(),
  /** Delay between streamed parts, in ms (default 0: parts are yielded without timers). */
  streamChunkDelayMs: z.number().nonnegative().finite().optional(),
});
export type LocalModelOptions = z.input<typeof LocalModelOptionsSchema>;

/** Validates options, turning a bad value into a `ValidationError` that names the field. */
export function parseLocalModelOptions(options: unknown): z.output<typeof LocalModelOptionsSchema> {
  const parsed = LocalModelOptionsSchema.safeParse(options ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: issue.path.filter((part): part is string | number => typeof part !== 'symbol'),
    message: issue.message,
  }));
  const first = issues[0]!;
  throw new ValidationError(
    `invalid local model options: ${first.path.length ? `${first.path.join('.')}: ` : ''}${first.message}`,
    issues,
  );
}
