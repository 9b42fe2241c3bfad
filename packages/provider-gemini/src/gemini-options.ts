import { ValidationError } from '@baton/core/contracts';
import { z } from 'zod';

/** `providerOptions.gemini` of a request. Strict: a misspelt option is an error. */
export const GeminiOptionsSchema = z.strictObject({
  /**
   * Send schemas unchanged as `responseJsonSchema` / `parametersJsonSchema` (JSON Schema)
   * instead of converting them to the OpenAPI subset of `responseSchema` / `parameters`.
   */
  useJsonSchema: z.boolean().optional(),
  /** `generationConfig.thinkingConfig`. */
  thinkingConfig: z
    .strictObject({
      thinkingBudget: z.number().int().optional(),
      includeThoughts: z.boolean().optional(),
      thinkingLevel: z.string().optional(),
    })
    .optional(),
  /** Top-k sampling. */
  topK: z.number().int().positive().optional(),
  /** Sampling seed. */
  seed: z.number().int().optional(),
  /** Per-category safety thresholds, e.g. `{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }`. */
  safetySettings: z.array(z.strictObject({ category: z.string(), threshold: z.string() })).optional(),
  /** A cached content resource name (`cachedContents/...`). */
  cachedContent: z.string().optional(),
});
export type GeminiOptions = z.infer<typeof GeminiOptionsSchema>;

/** Parses `providerOptions.gemini`, throwing a `ValidationError` that names the bad option. */
export function parseGeminiOptions(value: unknown): GeminiOptions {
  if (value === undefined) return {};
  const result = GeminiOptionsSchema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: ['providerOptions', 'gemini', ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: issue.message,
  }));
  throw new ValidationError(
    `invalid providerOptions.gemini: ${issues.map((i) => `${i.path.slice(2).join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    issues,
  );
}
