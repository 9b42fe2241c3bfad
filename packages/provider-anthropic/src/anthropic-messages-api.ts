import { z } from 'zod';

// Wire format of the Anthropic Messages API. Response schemas are deliberately lenient
// (only what the adapter reads, `.nullish()` on anything optional, unknown block and event
// types accepted) so a new field or block type from the API never breaks parsing.
// @see https://docs.anthropic.com/en/api/messages
// @see https://docs.anthropic.com/en/docs/build-with-claude/streaming

/** `cache_control` marker for prompt caching. */
export interface AnthropicCacheControl {
  type: 'ephemeral';
  ttl?: '5m' | '1h';
}

export interface AnthropicTextBlock {
  type: 'text';
  text: string;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicImageBlock {
  type: 'image';
  source: { type: 'base64'; media_type: string; data: string } | { type: 'url'; url: string };
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicDocumentBlock {
  type: 'document';
  source:
    | { type: 'base64'; media_type: string; data: string }
    | { type: 'url'; url: string }
    | { type: 'text'; media_type: 'text/plain'; data: string };
  title?: string;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature: string;
}

export interface AnthropicRedactedThinkingBlock {
  type: 'redacted_thinking';
  data: string;
}

export interface AnthropicToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: unknown;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content: string;
  is_error?: boolean;
  cache_control?: AnthropicCacheControl;
}

export type AnthropicUserContentBlock =
  | AnthropicTextBlock
  | AnthropicImageBlock
  | AnthropicDocumentBlock
  | AnthropicToolResultBlock;
export type AnthropicAssistantContentBlock =
  | AnthropicTextBlock
  | AnthropicThinkingBlock
  | AnthropicRedactedThinkingBlock
  | AnthropicToolUseBlock;

export type AnthropicMessage =
  | { role: 'user'; content: AnthropicUserContentBlock[] }
  | { role: 'assistant'; content: AnthropicAssistantContentBlock[] };

export interface AnthropicTool {
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
  cache_control?: AnthropicCacheControl;
}

export type AnthropicToolChoice =
  | { type: 'auto'; disable_parallel_tool_use?: boolean }
  | { type: 'any'; disable_parallel_tool_use?: boolean }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean }
  | { type: 'none' };

/** The request body of `POST /v1/messages`. */
export interface AnthropicMessagesRequestBody {
  model: string;
  max_tokens: number;
  messages: AnthropicMessage[];
  system?: string | AnthropicTextBlock[];
  temperature?: number;
  top_p?: number;
  top_k?: number;
  stop_sequences?: string[];
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
  thinking?: { type: 'enabled'; budget_tokens: number } | { type: 'disabled' };
  output_config?: { format: { type: 'json_schema'; schema: Record<string, unknown> } };
  metadata?: { user_id?: string };
  stream?: boolean;
}

/** `usage` as sent in responses, `message_start` and (cumulatively) `message_delta`. */
export const AnthropicUsageSchema = z
  .object({
    input_tokens: z.number().nullish(),
    output_tokens: z.number().nullish(),
    cache_creation_input_tokens: z.number().nullish(),
    cache_read_input_tokens: z.number().nullish(),
  })
  .loose();
export type AnthropicUsage = z.infer<typeof AnthropicUsageSchema>;

const ContentBlockSchema = z.union([
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('thinking'), thinking: z.string(), signature: z.string().nullish() }),
  z.object({ type: z.literal('redacted_thinking'), data: z.string() }),
  z.object({ type: z.literal('tool_use'), id: z.string(), name: z.string(), input: z.unknown() }),
  z.object({ type: z.string() }).loose(),
]);
export type AnthropicResponseContentBlock = z.infer<typeof ContentBlockSchema>;

/** The non-streamed response of `POST /v1/messages`. */
export const AnthropicMessagesResponseSchema = z.object({
  type: z.literal('message').nullish(),
  id: z.string().nullish(),
  model: z.string().nullish(),
  content: z.array(ContentBlockSchema),
  stop_reason: z.string().nullish(),
  stop_sequence: z.string().nullish(),
  usage: AnthropicUsageSchema.nullish(),
});
export type AnthropicMessagesResponse = z.infer<typeof AnthropicMessagesResponseSchema>;

/** The error body: `{ type: 'error', error: { type, message } }`. */
export const AnthropicErrorBodySchema = z.object({
  type: z.literal('error').nullish(),
  error: z.object({ type: z.string(), message: z.string().nullish() }).loose(),
  request_id: z.string().nullish(),
});
export type AnthropicErrorBody = z.infer<typeof AnthropicErrorBodySchema>;

const DeltaSchema = z.union([
  z.object({ type: z.literal('text_delta'), text: z.string() }),
  z.object({ type: z.literal('input_json_delta'), partial_json: z.string() }),
  z.object({ type: z.literal('thinking_delta'), thinking: z.string() }),
  z.object({ type: z.literal('signature_delta'), signature: z.string() }),
  z.object({ type: z.string() }).loose(),
]);

/**
 * Streamed `POST /v1/messages` events (their `data`, parsed), one schema per `type`, so each
 * event is validated against exactly one shape. Unknown event types (and `ping`) are skipped.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming#event-types
 */
export const AnthropicStreamEventSchemas = {
  message_start: z.object({
    message: z.object({
      id: z.string().nullish(),
      model: z.string().nullish(),
      usage: AnthropicUsageSchema.nullish(),
    }),
  }),
  content_block_start: z.object({ index: z.number(), content_block: ContentBlockSchema }),
  content_block_delta: z.object({ index: z.number(), delta: DeltaSchema }),
  content_block_stop: z.object({ index: z.number() }),
  message_delta: z.object({
    delta: z.object({ stop_reason: z.string().nullish(), stop_sequence: z.string().nullish() }).loose(),
    usage: AnthropicUsageSchema.nullish(),
  }),
  message_stop: z.object({}),
  error: z.object({ error: z.object({ type: z.string(), message: z.string().nullish() }).loose() }),
} as const;
