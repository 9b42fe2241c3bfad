import type { ToolChoice, ToolDefinition } from '@baton/core/contracts';

/** A Responses function tool. @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-tools */
export interface OpenAIResponsesTool {
  type: 'function';
  name: string;
  description?: string;
  parameters: Record<string, unknown>;
  strict: boolean;
}

/** Responses `tool_choice`. */
export type OpenAIResponsesToolChoice = 'auto' | 'none' | 'required' | { type: 'function'; name: string };

/** Baton tools and tool choice → `tools` / `tool_choice` (omitted without tools). `strict` is required by this API's schema; default false. */
export function prepareOpenAIResponsesTools(
  tools: ToolDefinition[] | undefined,
  toolChoice: ToolChoice | undefined,
  options: { strict?: boolean } = {},
): { tools?: OpenAIResponsesTool[]; tool_choice?: OpenAIResponsesToolChoice } {
  if (!tools || tools.length === 0) return {};
  const prepared: OpenAIResponsesTool[] = tools.map((tool) => ({
    type: 'function',
    name: tool.name,
    ...(tool.description !== undefined ? { description: tool.description } : {}),
    parameters: tool.inputSchema,
    strict: options.strict ?? false,
  }));
  if (toolChoice === undefined) return { tools: prepared };
  if (typeof toolChoice === 'string') return { tools: prepared, tool_choice: toolChoice };
  return { tools: prepared, tool_choice: { type: 'function', name: toolChoice.toolName } };
}
