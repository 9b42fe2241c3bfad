import { z } from 'zod';

// Limited, lenient versions of Ollama's wire schemas: only what Baton reads.

/** A tool call as Ollama returns it: arguments are already an object. */
export const ollamaToolCallSchema = z.object({
  id: z.string().nullish(),
  function: z.object({
    index: z.number().nullish(),
    name: z.string(),
    arguments: z.union([z.record(z.string(), z.unknown()), z.string()]).nullish(),
  }),
});

/** A `/api/chat` response or stream line. @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion */
export const ollamaChatResponseSchema = z.union([
  z.object({
    model: z.string().nullish(),
    created_at: z.string().nullish(),
    message: z
      .object({
        role: z.string().nullish(),
        content: z.string().nullish(),
        thinking: z.string().nullish(),
        tool_calls: z.array(ollamaToolCallSchema).nullish(),
      })
      .nullish(),
    done: z.boolean().nullish(),
    done_reason: z.string().nullish(),
    total_duration: z.number().nullish(),
    load_duration: z.number().nullish(),
    prompt_eval_count: z.number().nullish(),
    prompt_eval_duration: z.number().nullish(),
    eval_count: z.number().nullish(),
    eval_duration: z.number().nullish(),
  }),
  z.object({ error: z.string() }),
]);
export type OllamaChatResponse = z.infer<typeof ollamaChatResponseSchema>;

/** One message of an `/api/chat` request. */
export type OllamaChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string; images?: string[] }
  | {
      role: 'assistant';
      content: string;
      tool_calls?: { id?: string; function: { name: string; arguments: unknown } }[];
    }
  | { role: 'tool'; content: string; tool_name: string; tool_call_id?: string };
