import { ValidationError } from '@baton/core/contracts';
import { z } from 'zod';

/** The name of the tool forced for structured output in `jsonTool` mode. */
export const ANTHROPIC_JSON_TOOL_NAME = 'json';

/**
 * `providerOptions.anthropic` of a request. Strict: a misspelt option is an error, not a
 * silent no-op.
 */
export const AnthropicMessagesOptionsSchema = z.strictObject({
  /**
   * Prompt caching. `true` puts `cache_control: { type: 'ephemeral' }` on the system prompt,
   * the tool list and the last message; an object picks the breakpoints and the TTL.
   * @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching
   */
  cacheControl: z
    .union([
      z.boolean(),
      z.strictObject({
        system: z.boolean().optional(),
        tools: z.boolean().optional(),
        messages: z.boolean().optional(),
        ttl: z.enum(['5m', '1h']).optional(),
      }),
    ])
    .optional(),
  /** Extended thinking with a token budget (sent as `thinking.budget_tokens`). */
  thinking: z
    .union([
      z.strictObject({ type: z.literal('enabled'), budgetTokens: z.number().int().min(1024) }),
      z.strictObject({ type: z.literal('disabled') }),
    ])
    .optional(),
  /** At most one tool call per turn (`tool_choice.disable_parallel_tool_use`). */
  disableParallelToolUse: z.boolean().optional(),
  /**
   * How `responseFormat: { type: 'json' }` is honoured: `outputFormat` (default, when a schema
   * is given) sends `output_config.format`; `jsonTool` forces a `json` tool, for models
   * without structured-output support.
   */
  structuredOutputMode: z.enum(['outputFormat', 'jsonTool']).optional(),
  /** Top-k sampling. */
  topK: z.number().int().positive().optional(),
  /** An opaque end-user id (`metadata.user_id`). */
  userId: z.string().optional(),
  /** Beta features, sent as the `anthropic-beta` header. */
  betas: z.array(z.string()).optional(),
});
export type AnthropicMessagesOptions = z.infer<typeof AnthropicMessagesOptionsSchema>;

/** Parses `providerOptions.anthropic`, throwing a `ValidationError` that names the bad option. */
export function parseAnthropicMessagesOptions(value: unknown): AnthropicMessagesOptions {
  if (value === undefined) return {};
  const result = AnthropicMessagesOptionsSchema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: ['providerOptions', 'anthropic', ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: issue.message,
  }));
  throw new ValidationError(
    `invalid providerOptions.anthropic: ${issues.map((i) => `${i.path.slice(2).join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    issues,
  );
}
