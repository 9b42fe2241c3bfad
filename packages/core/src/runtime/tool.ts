import { z } from 'zod';
import type { Tool, ToolContext } from '../contracts/tool.js';
import { assertName } from './define-agent.js';

/** What `tool()` takes: everything but the JSON Schema, which it derives from `input`. */
export interface ToolDefinitionInput<Input, Output> {
  name: string;
  description: string;
  input: z.ZodType<Input>;
  execute(input: Input, context: ToolContext): Output | Promise<Output>;
  capabilities?: readonly string[] | ((input: Input) => readonly string[]);
  idempotencyKey?: (input: Input) => string;
  outputSchema?: z.ZodType;
}

/** Defines a tool; its input schema is exported once as JSON Schema for providers. */
export function tool<Input, Output>(definition: ToolDefinitionInput<Input, Output>): Tool<Input, Output> {
  assertName('tool', definition.name);
  const inputJsonSchema = z.toJSONSchema(definition.input, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  delete inputJsonSchema.$schema;
  return { ...definition, inputJsonSchema };
}
