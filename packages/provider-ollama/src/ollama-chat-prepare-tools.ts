import type { ToolChoice, ToolDefinition } from '@baton/core/contracts';

/** An `/api/chat` tool. */
export interface OllamaChatTool {
  type: 'function';
  function: { name: string; description?: string; parameters: Record<string, unknown> };
}

/**
 * Baton tools → `/api/chat` `tools`. Ollama has no `tool_choice`: `none` sends no tools, a
 * named choice sends only that tool, `required` is best effort (the model may still answer in text).
 */
export function prepareOllamaChatTools(
  tools: ToolDefinition[] | undefined,
  toolChoice: ToolChoice | undefined,
): OllamaChatTool[] | undefined {
  if (!tools || tools.length === 0 || toolChoice === 'none') return undefined;
  const selected =
    typeof toolChoice === 'object' ? tools.filter((tool) => tool.name === toolChoice.toolName) : tools;
  return selected.map((tool) => ({
    type: 'function',
    function: {
      name: tool.name,
      ...(tool.description !== undefined ? { description: tool.description } : {}),
      parameters: tool.inputSchema,
    },
  }));
}
