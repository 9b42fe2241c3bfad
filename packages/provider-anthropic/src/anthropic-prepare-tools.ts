import type { ToolChoice, ToolDefinition } from '@baton/core/contracts';
import type { AnthropicCacheControl, AnthropicTool, AnthropicToolChoice } from './anthropic-messages-api.js';

/** The `tools` and `tool_choice` of a Messages request. */
export interface AnthropicPreparedTools {
  tools: AnthropicTool[] | undefined;
  toolChoice: AnthropicToolChoice | undefined;
}

/**
 * Baton tool definitions → Anthropic `tools` (`input_schema`) and `tool_choice`
 * (`required` is Anthropic's `any`). `cacheControl` marks the last tool, which caches the
 * whole tool list.
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use
 */
export function prepareAnthropicTools(
  tools: readonly ToolDefinition[] | undefined,
  toolChoice: ToolChoice | undefined,
  options: {
    cacheControl?: AnthropicCacheControl | undefined;
    disableParallelToolUse?: boolean | undefined;
  } = {},
): AnthropicPreparedTools {
  if (!tools || tools.length === 0) return { tools: undefined, toolChoice: undefined };
  const prepared: AnthropicTool[] = tools.map((tool) => ({
    name: tool.name,
    ...(tool.description ? { description: tool.description } : {}),
    input_schema: tool.inputSchema,
  }));
  if (options.cacheControl) prepared[prepared.length - 1]!.cache_control = options.cacheControl;
  const parallel = options.disableParallelToolUse ? { disable_parallel_tool_use: true } : {};
  if (toolChoice === undefined) {
    return {
      tools: prepared,
      toolChoice: options.disableParallelToolUse ? { type: 'auto', ...parallel } : undefined,
    };
  }
  if (toolChoice === 'auto') return { tools: prepared, toolChoice: { type: 'auto', ...parallel } };
  if (toolChoice === 'required') return { tools: prepared, toolChoice: { type: 'any', ...parallel } };
  if (toolChoice === 'none') return { tools: prepared, toolChoice: { type: 'none' } };
  return { tools: prepared, toolChoice: { type: 'tool', name: toolChoice.toolName, ...parallel } };
}
