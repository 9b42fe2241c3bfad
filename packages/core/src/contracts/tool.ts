import type { z } from 'zod';
import type { JsonSchema } from './model/v1/tool-definition.js';

/** What a running tool can see and do. */
export interface ToolContext {
  readonly runId: string;
  readonly taskId: string;
  /** Name of the agent whose model called the tool. */
  readonly agent: string;
  /** Aborted when the task is cancelled or passes its deadline. */
  readonly signal: AbortSignal;
  /** Capabilities the calling task holds. */
  readonly capabilities: readonly string[];
}

// Method-style signatures keep `Tool<{ path: string }>` assignable to `Tool` in a tools
// array (parameters are checked bivariantly for methods).
type Bivariant<Input, Result> = { bivarianceHack(input: Input): Result }['bivarianceHack'];

/** A function a model can call. Build one with `tool({...})`. */
export interface Tool<Input = unknown, Output = unknown> {
  /** Unique name within an agent (`[a-zA-Z0-9_-]{1,64}`). */
  readonly name: string;
  /** What it does; the model reads this. */
  readonly description: string;
  /** zod schema of the input; validated before `execute`. */
  readonly input: z.ZodType<Input>;
  /** The input schema as JSON Schema (computed once by `tool()`). */
  readonly inputJsonSchema: JsonSchema;
  /** Runs the tool with validated input. */
  execute(input: Input, context: ToolContext): Output | Promise<Output>;
  /** Capabilities a call needs, fixed or computed from the validated input (`fs:write:${input.path}`). */
  readonly capabilities?: readonly string[] | Bivariant<Input, readonly string[]>;
  /** For side-effecting tools: calls with the same key run at most once per run. */
  readonly idempotencyKey?: Bivariant<Input, string>;
  /** Keeps only these fields of the output before it reaches the model (data minimization). */
  readonly outputSchema?: z.ZodType;
}
