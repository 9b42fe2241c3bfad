import { z } from 'zod';

// Wire format of Bedrock Runtime's Converse and ConverseStream. Response schemas are
// deliberately lenient: only what the adapter reads, `.nullish()` everywhere, so a new field
// never breaks parsing.
// @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
// @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html

/** A `CachePointBlock`. */
export interface BedrockCachePoint {
  cachePoint: { type: 'default' };
}

/** One `ContentBlock` as sent. */
export type BedrockContentBlock =
  | { text: string }
  | { image: { format: string; source: { bytes: string } } }
  | { document: { format: string; name: string; source: { bytes: string } } }
  | { toolUse: { toolUseId: string; name: string; input: unknown } }
  | {
      toolResult: {
        toolUseId: string;
        content: ({ text: string } | { json: unknown })[];
        status?: 'success' | 'error';
      };
    }
  | { reasoningContent: { reasoningText: { text: string; signature?: string } } }
  | BedrockCachePoint;

/** A `Message`. */
export interface BedrockMessage {
  role: 'user' | 'assistant';
  content: BedrockContentBlock[];
}

/** A `Tool` of `toolConfig.tools`. */
export type BedrockTool =
  | { toolSpec: { name: string; description?: string; inputSchema: { json: Record<string, unknown> } } }
  | BedrockCachePoint;

/** `toolConfig.toolChoice`. */
export type BedrockToolChoice =
  | { auto: Record<string, never> }
  | { any: Record<string, never> }
  | { tool: { name: string } };

/** The request body of `POST /model/{modelId}/converse` (and `/converse-stream`). */
export interface BedrockConverseRequestBody {
  messages: BedrockMessage[];
  system?: ({ text: string } | BedrockCachePoint)[];
  inferenceConfig?: { maxTokens?: number; temperature?: number; topP?: number; stopSequences?: string[] };
  toolConfig?: { tools: BedrockTool[]; toolChoice?: BedrockToolChoice };
  additionalModelRequestFields?: Record<string, unknown>;
  additionalModelResponseFieldPaths?: string[];
  guardrailConfig?: Record<string, unknown>;
  performanceConfig?: { latency: 'standard' | 'optimized' };
  /** Structured output: the schema travels as a JSON string. */
  outputConfig?: {
    textFormat: {
      type: 'json_schema';
      structure: { jsonSchema: { schema: string; name?: string; description?: string } };
    };
  };
}

/** `TokenUsage`. */
export const BedrockUsageSchema = z
  .object({
    inputTokens: z.number().nullish(),
    outputTokens: z.number().nullish(),
    totalTokens: z.number().nullish(),
    cacheReadInputTokens: z.number().nullish(),
    cacheWriteInputTokens: z.number().nullish(),
  })
  .loose();
export type BedrockUsage = z.infer<typeof BedrockUsageSchema>;

const ResponseContentBlockSchema = z
  .object({
    text: z.string().nullish(),
    toolUse: z.object({ toolUseId: z.string(), name: z.string(), input: z.unknown().nullish() }).nullish(),
    reasoningContent: z
      .object({
        reasoningText: z.object({ text: z.string().nullish(), signature: z.string().nullish() }).nullish(),
        redactedContent: z.string().nullish(),
      })
      .nullish(),
  })
  .loose();

/** The Converse response. */
export const BedrockConverseResponseSchema = z.object({
  output: z
    .object({
      message: z
        .object({ role: z.string().nullish(), content: z.array(ResponseContentBlockSchema).nullish() })
        .nullish(),
    })
    .nullish(),
  stopReason: z.string().nullish(),
  usage: BedrockUsageSchema.nullish(),
  metrics: z.object({ latencyMs: z.number().nullish() }).loose().nullish(),
  additionalModelResponseFields: z.unknown().nullish(),
  trace: z.unknown().nullish(),
});
export type BedrockConverseResponse = z.infer<typeof BedrockConverseResponseSchema>;

/** Payloads of ConverseStream's `event` messages, by `:event-type`. */
export const BedrockStreamEventSchemas = {
  messageStart: z.object({ role: z.string().nullish() }).loose(),
  contentBlockStart: z
    .object({
      contentBlockIndex: z.number(),
      start: z
        .object({ toolUse: z.object({ toolUseId: z.string(), name: z.string() }).loose().nullish() })
        .loose()
        .nullish(),
    })
    .loose(),
  contentBlockDelta: z
    .object({
      contentBlockIndex: z.number(),
      delta: z
        .object({
          text: z.string().nullish(),
          toolUse: z.object({ input: z.string() }).nullish(),
          reasoningContent: z
            .object({
              text: z.string().nullish(),
              signature: z.string().nullish(),
              redactedContent: z.string().nullish(),
            })
            .loose()
            .nullish(),
        })
        .loose(),
    })
    .loose(),
  contentBlockStop: z.object({ contentBlockIndex: z.number() }).loose(),
  messageStop: z
    .object({ stopReason: z.string().nullish(), additionalModelResponseFields: z.unknown().nullish() })
    .loose(),
  metadata: z
    .object({
      usage: BedrockUsageSchema.nullish(),
      metrics: z.object({ latencyMs: z.number().nullish() }).loose().nullish(),
      trace: z.unknown().nullish(),
    })
    .loose(),
} as const;

/** An error body: `{ message }` (restJson1), sometimes with `__type`. */
export const BedrockErrorBodySchema = z
  .object({
    message: z.string().nullish(),
    Message: z.string().nullish(),
    __type: z.string().nullish(),
    originalStatusCode: z.number().nullish(),
    originalMessage: z.string().nullish(),
  })
  .loose();
