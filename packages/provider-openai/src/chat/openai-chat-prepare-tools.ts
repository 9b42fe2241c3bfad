import type { ToolChoice, ToolDefinition } from '@baton/core/contracts';

/** A Chat Completions function tool. @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-tools */
export interface OpenAIChatTool {
  type: 'function';
  function: { name: string; description?: string; parameters: Record<string, unknown>; strict?: boolean };
}

/** Chat Completions `tool_choice`. */
export type OpenAIChatToolChoice =
  | 'auto'
  | 'none'
  | 'required'
  | { type: 'function'; function: { name: string } };

/** Baton tools and tool choice → `tools` / `tool_choice` (both omitted when there are no tools). */
export function prepareOpenAIChatTools(
  tools: ToolDefinition[] | undefined,
  toolChoice: ToolChoice | undefined,
  options: { strict?: boolean } = {},
): { tools?: OpenAIChatTool[]; tool_choice?: OpenAIChatToolChoice } {
  if (!tools || tools.length === 0) return {};
  const prepared: OpenAIChatTool[] = tools.map((tool) => ({
    type: 'function',
    function: {
      name: tool.name,
      ...(tool.description !== undefined ? { description: tool.description } : {}),
      parameters: tool.inputSchema,
      ...(options.strict !== undefined ? { strict: options.strict } : {}),
    },
  }));
  if (toolChoice === undefined) return { tools: prepared };
  if (typeof toolChoice === 'string') return { tools: prepared, tool_choice: toolChoice };
  return { tools: prepared, tool_choice: { type: 'function', function: { name: toolChoice.toolName } } };
}
