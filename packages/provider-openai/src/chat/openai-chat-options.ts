import { InvalidRequestError } from '@baton/core/contracts';
import { z } from 'zod';

/** Chat Completions options under `providerOptions.openai` (strict: a typo is an error). */
export const openaiChatOptionsSchema = z.strictObject({
  /** `parallel_tool_calls`. */
  parallelToolCalls: z.boolean().optional(),
  /** `reasoning_effort` for reasoning models. */
  reasoningEffort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).optional(),
  /** `user` / end-user id. */
  user: z.string().optional(),
  /** `seed`. */
  seed: z.number().int().optional(),
  /** `store`. */
  store: z.boolean().optional(),
  /** `service_tier`. */
  serviceTier: z.enum(['auto', 'default', 'flex', 'scale', 'priority']).optional(),
  /** `strict` on `json_schema` response formats (default: true when the schema already meets strict-mode rules). */
  strictJsonSchema: z.boolean().optional(),
  /** `strict` on function tools (default: not sent). */
  strictTools: z.boolean().optional(),
  /** `prompt_cache_key`. */
  promptCacheKey: z.string().optional(),
  /** `metadata`. */
  metadata: z.record(z.string(), z.string()).optional(),
});
export type OpenAIChatOptions = z.infer<typeof openaiChatOptionsSchema>;

/** Validates user options; a bad one is an `InvalidRequestError` naming the path. */
export function parseProviderOptions<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.length ? `.${issue.path.join('.')}` : '';
  throw new InvalidRequestError(`invalid ${where}${path}: ${issue?.message ?? 'invalid value'}`);
}
