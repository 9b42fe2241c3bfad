import { z } from 'zod';

/** Responses API options under `providerOptions.openai` (strict: a typo is an error). */
export const openaiResponsesOptionsSchema = z.strictObject({
  /** `parallel_tool_calls`. */
  parallelToolCalls: z.boolean().optional(),
  /** `reasoning.effort`. */
  reasoningEffort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).optional(),
  /** `reasoning.summary`. */
  reasoningSummary: z.enum(['auto', 'concise', 'detailed']).optional(),
  /** `user`. */
  user: z.string().optional(),
  /** `store` (OpenAI's default is true). */
  store: z.boolean().optional(),
  /** `service_tier`. */
  serviceTier: z.enum(['auto', 'default', 'flex', 'scale', 'priority']).optional(),
  /** `previous_response_id`. */
  previousResponseId: z.string().optional(),
  /** `instructions`. */
  instructions: z.string().optional(),
  /** `include`, e.g. `['reasoning.encrypted_content']`. */
  include: z.array(z.string()).optional(),
  /** `truncation`. */
  truncation: z.enum(['auto', 'disabled']).optional(),
  /** `strict` on the `json_schema` text format (default: true when the schema already meets strict-mode rules). */
  strictJsonSchema: z.boolean().optional(),
  /** `strict` on function tools (default false). */
  strictTools: z.boolean().optional(),
  /** `prompt_cache_key`. */
  promptCacheKey: z.string().optional(),
  /** `metadata`. */
  metadata: z.record(z.string(), z.string()).optional(),
});
export type OpenAIResponsesOptions = z.infer<typeof openaiResponsesOptionsSchema>;
