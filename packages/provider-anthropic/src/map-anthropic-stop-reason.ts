import type { FinishReason } from '@baton/core/contracts';

/**
 * Anthropic's `stop_reason` in Baton's words. `isJsonResponseFromTool`: the answer came
 * through the forced `json` tool (structured output in `jsonTool` mode), so `tool_use`
 * means a normal stop.
 * @see https://docs.anthropic.com/en/api/handling-stop-reasons
 */
export function mapAnthropicStopReason(
  raw: string | null | undefined,
  isJsonResponseFromTool = false,
): FinishReason {
  switch (raw) {
    case 'end_turn':
    case 'stop_sequence':
    case 'pause_turn':
      return { unified: 'stop', raw };
    case 'tool_use':
      return { unified: isJsonResponseFromTool ? 'stop' : 'tool-calls', raw };
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return { unified: 'length', raw };
    case 'refusal':
      return { unified: 'content-filter', raw };
    default:
      return raw == null ? { unified: 'other' } : { unified: 'other', raw };
  }
}
