import { z } from 'zod';
import {
  FilePartSchema,
  ReasoningPartSchema,
  TextPartSchema,
  ToolCallPartSchema,
  ToolResultPartSchema,
} from './content-part.js';

/** System instructions. Adapters move them where the provider wants them (a top-level field for some). */
export const SystemMessageSchema = z.object({ role: z.literal('system'), content: z.string() });
/** What the user (or the orchestrator on the user's behalf) says. */
export const UserMessageSchema = z.object({
  role: z.literal('user'),
  content: z.array(z.discriminatedUnion('type', [TextPartSchema, FilePartSchema])),
});
/** What the model said: text, reasoning and tool calls, in order. */
export const AssistantMessageSchema = z.object({
  role: z.literal('assistant'),
  content: z.array(z.discriminatedUnion('type', [TextPartSchema, ReasoningPartSchema, ToolCallPartSchema])),
});
/** Results of the tool calls of the previous assistant message. */
export const ToolMessageSchema = z.object({
  role: z.literal('tool'),
  content: z.array(ToolResultPartSchema),
});

/** One message of a provider-neutral conversation. */
export const MessageSchema = z.discriminatedUnion('role', [
  SystemMessageSchema,
  UserMessageSchema,
  AssistantMessageSchema,
  ToolMessageSchema,
]);
export type SystemMessage = z.infer<typeof SystemMessageSchema>;
export type UserMessage = z.infer<typeof UserMessageSchema>;
export type AssistantMessage = z.infer<typeof AssistantMessageSchema>;
export type ToolMessage = z.infer<typeof ToolMessageSchema>;
export type Message = z.infer<typeof MessageSchema>;
