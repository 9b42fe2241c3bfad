import { z } from 'zod';

// Limited, lenient versions of the Responses wire schemas: only what Baton reads.

/** Responses usage. @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-usage */
export const openaiResponsesUsageSchema = z
  .object({
    input_tokens: z.number().nullish(),
    input_tokens_details: z.object({ cached_tokens: z.number().nullish() }).nullish(),
    output_tokens: z.number().nullish(),
    output_tokens_details: z.object({ reasoning_tokens: z.number().nullish() }).nullish(),
    total_tokens: z.number().nullish(),
  })
  .nullish();
export type OpenAIResponsesUsage = z.infer<typeof openaiResponsesUsageSchema>;

/** An output item (unknown item types are kept loosely and ignored). */
export const openaiResponsesOutputItemSchema = z.union([
  z.object({
    type: z.literal('message'),
    id: z.string().nullish(),
    content: z
      .array(
        z.union([
          z.object({ type: z.literal('output_text'), text: z.string() }),
          z.object({ type: z.literal('refusal'), refusal: z.string() }),
          z.object({ type: z.string() }),
        ]),
      )
      .nullish(),
  }),
  z.object({
    type: z.literal('function_call'),
    id: z.string().nullish(),
    call_id: z.string(),
    name: z.string(),
    arguments: z.string().nullish(),
  }),
  z.object({
    type: z.literal('reasoning'),
    id: z.string().nullish(),
    summary: z.array(z.object({ type: z.string(), text: z.string().nullish() })).nullish(),
    encrypted_content: z.string().nullish(),
  }),
  z.object({ type: z.string() }),
]);
export type OpenAIResponsesOutputItem = z.infer<typeof openaiResponsesOutputItemSchema>;

/** A response object. @see https://platform.openai.com/docs/api-reference/responses/object */
export const openaiResponsesResponseSchema = z.object({
  id: z.string().nullish(),
  model: z.string().nullish(),
  status: z.string().nullish(),
  error: z.object({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
  incomplete_details: z.object({ reason: z.string().nullish() }).nullish(),
  output: z.array(openaiResponsesOutputItemSchema).nullish(),
  usage: openaiResponsesUsageSchema,
  service_tier: z.string().nullish(),
});
export type OpenAIResponsesResponse = z.infer<typeof openaiResponsesResponseSchema>;

/** A streaming event (only the fields Baton reads). @see https://platform.openai.com/docs/api-reference/responses-streaming */
export const openaiResponsesEventSchema = z.object({
  type: z.string(),
  sequence_number: z.number().nullish(),
  response: openaiResponsesResponseSchema.nullish(),
  item: openaiResponsesOutputItemSchema.nullish(),
  item_id: z.string().nullish(),
  output_index: z.number().nullish(),
  delta: z.string().nullish(),
  arguments: z.string().nullish(),
  code: z.string().nullish(),
  message: z.string().nullish(),
  param: z.string().nullish(),
});
export type OpenAIResponsesEvent = z.infer<typeof openaiResponsesEventSchema>;

/** An input item of a Responses request. @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-input */
export type OpenAIResponsesInputItem =
  | { role: 'system' | 'developer'; content: string }
  | {
      role: 'user';
      content: (
        | { type: 'input_text'; text: string }
        | { type: 'input_image'; image_url: string }
        | { type: 'input_file'; filename: string; file_data: string }
      )[];
    }
  | { role: 'assistant'; content: { type: 'output_text'; text: string }[] }
  | { type: 'function_call'; call_id: string; name: string; arguments: string }
  | { type: 'function_call_output'; call_id: string; output: string };
