import { z } from 'zod';
import { MessageSchema } from './message.js';
import { ToolChoiceSchema, ToolDefinitionSchema } from './tool-definition.js';

/** Plain text, or JSON (optionally constrained by a JSON Schema). */
export const ResponseFormatSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({
    type: z.literal('json'),
    /** JSON Schema the answer must satisfy, when the provider supports constrained output. */
    schema: z.record(z.string(), z.unknown()).optional(),
    /** Schema name (some providers require one). */
    name: z.string().optional(),
    /** Schema description. */
    description: z.string().optional(),
  }),
]);
export type ResponseFormat = z.infer<typeof ResponseFormatSchema>;

/** One provider-neutral model call. */
export const ModelRequestSchema = z.object({
  /** The conversation so far. */
  messages: z.array(MessageSchema),
  /** Tools the model may call. */
  tools: z.array(ToolDefinitionSchema).optional(),
  /** Whether and which tool the model must call (default `auto` when tools are given). */
  toolChoice: ToolChoiceSchema.optional(),
  /** Sampling temperature. */
  temperature: z.number().min(0).max(2).optional(),
  /** Upper bound on output tokens; the budget ledger reserves this worst case. */
  maxOutputTokens: z.number().int().positive().optional(),
  /** Nucleus sampling. */
  topP: z.number().min(0).max(1).optional(),
  /** Sequences that stop generation. */
  stopSequences: z.array(z.string()).optional(),
  /** Text or JSON output. */
  responseFormat: ResponseFormatSchema.optional(),
  /** Provider-specific options, keyed by provider name (`{ anthropic: { cacheControl: true } }`). */
  providerOptions: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  /** Extra HTTP headers for this call. */
  headers: z.record(z.string(), z.string()).optional(),
});
export type ModelRequest = z.infer<typeof ModelRequestSchema>;
