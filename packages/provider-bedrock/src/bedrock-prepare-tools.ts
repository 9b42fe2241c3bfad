import type { Message, ToolChoice, ToolDefinition } from '@baton/core/contracts';
import type { BedrockConverseRequestBody, BedrockTool } from './bedrock-api.js';

/**
 * Baton tools → Converse `toolConfig` (`toolSpec` with `inputSchema.json`; `auto` →
 * `{ auto: {} }`, `required` → `{ any: {} }`, one tool → `{ tool: { name } }`). Converse has no
 * "none": the tools are left out, unless the conversation already holds tool calls (Converse
 * then requires `toolConfig`), in which case they are sent without a `toolChoice`.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolConfiguration.html
 */
export function prepareBedrockTools(
  tools: readonly ToolDefinition[] | undefined,
  toolChoice: ToolChoice | undefined,
  messages: readonly Message[],
  options: { cachePoint?: boolean } = {},
): BedrockConverseRequestBody['toolConfig'] {
  if (!tools || tools.length === 0) return undefined;
  if (toolChoice === 'none' && !messages.some((m) => m.role === 'tool')) return undefined;
  const specs: BedrockTool[] = tools.map((tool) => ({
    toolSpec: {
      name: tool.name,
      ...(tool.description ? { description: tool.description } : {}),
      inputSchema: { json: tool.inputSchema },
    },
  }));
  if (options.cachePoint) specs.push({ cachePoint: { type: 'default' } });
  if (toolChoice === undefined || toolChoice === 'none') return { tools: specs };
  if (toolChoice === 'auto') return { tools: specs, toolChoice: { auto: {} } };
  if (toolChoice === 'required') return { tools: specs, toolChoice: { any: {} } };
  return { tools: specs, toolChoice: { tool: { name: toolChoice.toolName } } };
}
