import { z } from 'zod';

/** `/api/chat` options under `providerOptions.ollama` (strict: a typo is an error). */
export const ollamaChatOptionsSchema = z.strictObject({
  /** `think`: reasoning on/off, or a level for models that take one. */
  think: z.union([z.boolean(), z.enum(['low', 'medium', 'high'])]).optional(),
  /** `keep_alive`, e.g. `5m` or seconds. */
  keepAlive: z.union([z.string(), z.number()]).optional(),
  /** Extra model `options` (`num_ctx`, `seed`, `top_k`, …), merged over Baton's. */
  options: z.record(z.string(), z.unknown()).optional(),
});
export type OllamaChatOptions = z.infer<typeof ollamaChatOptionsSchema>;
