import { z } from 'zod';

// Limited, lenient versions of the wire schemas: only what Baton reads, `.nullish()` everywhere,
// so a new or missing field from OpenAI or a compatible server never breaks parsing.

/** Chat Completions usage. @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage */
export const openaiChatUsageSchema = z
  .object({
    prompt_tokens: z.number().nullish(),
    completion_tokens: z.number().nullish(),
    total_tokens: z.number().nullish(),
    prompt_tokens_details: z.object({ cached_tokens: z.number().nullish() }).nullish(),
    completion_tokens_details: z.object({ reasoning_tokens: z.number().nullish() }).nullish(),
  })
  .nullish();
export type OpenAIChatUsage = z.infer<typeof openaiChatUsageSchema>;

/** A chat completion. @see https://platform.openai.com/docs/api-reference/chat/object */
export const openaiChatResponseSchema = z.object({
  id: z.string().nullish(),
  model: z.string().nullish(),
  created: z.number().nullish(),
  system_fingerprint: z.string().nullish(),
  service_tier: z.string().nullish(),
  choices: z.array(
    z.object({
      index: z.number().nullish(),
      message: z.object({
        role: z.string().nullish(),
        content: z.string().nullish(),
        refusal: z.string().nullish(),
        reasoning_content: z.string().nullish(),
        tool_calls: z
          .array(
            z.object({
              id: z.string().nullish(),
              type: z.string().nullish(),
              function: z.object({ name: z.string(), arguments: z.string().nullish() }),
            }),
          )
          .nullish(),
      }),
      finish_reason: z.string().nullish(),
    }),
  ),
  usage: openaiChatUsageSchema,
});
export type OpenAIChatResponse = z.infer<typeof openaiChatResponseSchema>;

/** A streamed chunk (or an in-stream error). @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming */
export const openaiChatChunkSchema = z.union([
  z.object({
    id: z.string().nullish(),
    model: z.string().nullish(),
    system_fingerprint: z.string().nullish(),
    service_tier: z.string().nullish(),
    choices: z
      .array(
        z.object({
          index: z.number().nullish(),
          delta: z
            .object({
              role: z.string().nullish(),
              content: z.string().nullish(),
              refusal: z.string().nullish(),
              reasoning_content: z.string().nullish(),
              tool_calls: z
                .array(
                  z.object({
                    index: z.number().nullish(),
                    id: z.string().nullish(),
                    type: z.string().nullish(),
                    function: z
                      .object({ name: z.string().nullish(), arguments: z.string().nullish() })
                      .nullish(),
                  }),
                )
                .nullish(),
            })
            .nullish(),
          finish_reason: z.string().nullish(),
        }),
      )
      .nullish(),
    usage: openaiChatUsageSchema,
  }),
  z.object({
    error: z.object({
      message: z.string().nullish(),
      type: z.string().nullish(),
      code: z.union([z.string(), z.number()]).nullish(),
    }),
  }),
]);
export type OpenAIChatChunk = z.infer<typeof openaiChatChunkSchema>;

/** One message of a Chat Completions request. @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages */
export type OpenAIChatMessage =
  | { role: 'system' | 'developer'; content: string }
  | { role: 'user'; content: string | OpenAIChatUserContentPart[] }
  | {
      role: 'assistant';
      content: string | null;
      tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
    }
  | { role: 'tool'; tool_call_id: string; content: string };

/** A user content part. */
export type OpenAIChatUserContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string } }
  | { type: 'file'; file: { filename?: string; file_data: string } };
