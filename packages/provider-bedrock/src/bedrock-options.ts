import { ValidationError } from '@baton/core/contracts';
import { z } from 'zod';

/** `providerOptions.bedrock` of a request. Strict: a misspelt option is an error. */
export const BedrockOptionsSchema = z.strictObject({
  /** Model-specific fields Converse passes through, e.g. `{ thinking: { type: 'enabled', budget_tokens: 2048 } }` or `{ top_k: 40 }`. */
  additionalModelRequestFields: z.record(z.string(), z.unknown()).optional(),
  /** JSON pointers of extra response fields to return. */
  additionalModelResponseFieldPaths: z.array(z.string()).optional(),
  /** A guardrail: `{ guardrailIdentifier, guardrailVersion, trace? }`. */
  guardrailConfig: z.record(z.string(), z.unknown()).optional(),
  /** `performanceConfig.latency`. */
  latency: z.enum(['standard', 'optimized']).optional(),
  /** Prompt caching: a `cachePoint` after the system prompt, the tools and the last message. */
  cachePoints: z.boolean().optional(),
  /**
   * How `responseFormat: { type: 'json' }` is honoured: `outputConfig` (default, with a
   * schema) sends `outputConfig.textFormat`; `jsonTool` forces a `json` tool instead, for
   * models without structured-output support.
   */
  structuredOutputMode: z.enum(['outputConfig', 'jsonTool']).optional(),
});
export type BedrockOptions = z.infer<typeof BedrockOptionsSchema>;

/** Parses `providerOptions.bedrock`, throwing a `ValidationError` that names the bad option. */
export function parseBedrockOptions(value: unknown): BedrockOptions {
  if (value === undefined) return {};
  const result = BedrockOptionsSchema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: ['providerOptions', 'bedrock', ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: issue.message,
  }));
  throw new ValidationError(
    `invalid providerOptions.bedrock: ${issues.map((i) => `${i.path.slice(2).join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    issues,
  );
}
