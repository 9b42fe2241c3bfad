import type { FinishReason } from '@baton/core/contracts';

/**
 * Bedrock Converse's `stopReason` in Baton's words.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_ResponseSyntax
 */
export function mapBedrockStopReason(raw: string | null | undefined): FinishReason {
  switch (raw) {
    case 'end_turn':
    case 'stop_sequence':
      return { unified: 'stop', raw };
    case 'tool_use':
      return { unified: 'tool-calls', raw };
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return { unified: 'length', raw };
    case 'guardrail_intervened':
    case 'content_filtered':
      return { unified: 'content-filter', raw };
    case 'malformed_model_output':
    case 'malformed_tool_use':
      return { unified: 'error', raw };
    default:
      return raw == null ? { unified: 'other' } : { unified: 'other', raw };
  }
}
