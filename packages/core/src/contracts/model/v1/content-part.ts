import { z } from 'zod';

/** Plain text. */
export const TextPartSchema = z.object({
  type: z.literal('text'),
  /** The text. */
  text: z.string(),
});
export type TextPart = z.infer<typeof TextPartSchema>;

/** Model reasoning ("thinking") as the provider returned it; `signature` lets it be sent back verbatim. */
export const ReasoningPartSchema = z.object({
  type: z.literal('reasoning'),
  /** The reasoning text (may be empty when the provider redacts it). */
  text: z.string(),
  /** Provider signature or encrypted payload required to replay this block. */
  signature: z.string().optional(),
});
export type ReasoningPart = z.infer<typeof ReasoningPartSchema>;

/** A model's request to run a tool. */
export const ToolCallPartSchema = z.object({
  type: z.literal('tool-call'),
  /** Provider-assigned id that the matching tool result must echo. */
  toolCallId: z.string(),
  /** Name of the tool to run. */
  toolName: z.string(),
  /** Parsed JSON arguments (an object for well-behaved models; raw string when unparseable). */
  input: z.unknown(),
});
export type ToolCallPart = z.infer<typeof ToolCallPartSchema>;

/** The outcome of a tool call, sent back to the model. */
export const ToolResultPartSchema = z.object({
  type: z.literal('tool-result'),
  /** Id of the tool call this answers. */
  toolCallId: z.string(),
  /** Name of the tool that ran. */
  toolName: z.string(),
  /** JSON-serializable result (or error description when `isError`). */
  output: z.unknown(),
  /** True when the tool failed or was refused; the model sees the reason in `output`. */
  isError: z.boolean().optional(),
});
export type ToolResultPart = z.infer<typeof ToolResultPartSchema>;

/** An image or document, inline (base64) or by URL. */
export const FilePartSchema = z.object({
  type: z.literal('file'),
  /** IANA media type, e.g. `image/png`, `application/pdf`. */
  mediaType: z.string(),
  /** Base64 data or an `https:` / `data:` URL. */
  data: z.string(),
  /** Optional file name. */
  filename: z.string().optional(),
});
export type FilePart = z.infer<typeof FilePartSchema>;
