import { z } from 'zod';

/** A JSON Schema object (draft 2020-12 subset that providers accept). */
export type JsonSchema = Record<string, unknown>;

/** A tool as a model sees it: name, description and JSON Schema for its input. */
export const ToolDefinitionSchema = z.object({
  /** Unique name within one request (`[a-zA-Z0-9_-]{1,64}` is safe on every provider). */
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'tool names must match [a-zA-Z0-9_-]{1,64}'),
  /** What the tool does and when to use it. */
  description: z.string().optional(),
  /** JSON Schema of the tool's input object. */
  inputSchema: z.record(z.string(), z.unknown()),
});
export type ToolDefinition = z.infer<typeof ToolDefinitionSchema>;

/** Whether and which tool the model must call. */
export const ToolChoiceSchema = z.union([
  z.literal('auto'),
  z.literal('none'),
  z.literal('required'),
  z.object({ type: z.literal('tool'), toolName: z.string() }),
]);
export type ToolChoice = z.infer<typeof ToolChoiceSchema>;
