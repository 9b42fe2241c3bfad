import type { FinishReason } from '@baton/core/contracts';

/**
 * Maps a response's `status` and `incomplete_details.reason` to Baton's finish reason; a
 * completed response that called tools finished with `tool-calls`. `raw` is the incomplete
 * reason when there is one, else the status.
 */
export function mapOpenAIResponsesFinishReason(
  status: string | null | undefined,
  incompleteReason: string | null | undefined,
  hasToolCalls: boolean,
): FinishReason {
  if (incompleteReason === 'max_output_tokens') return { unified: 'length', raw: incompleteReason };
  if (incompleteReason === 'content_filter') return { unified: 'content-filter', raw: incompleteReason };
  if (incompleteReason) return { unified: 'other', raw: incompleteReason };
  switch (status) {
    case 'completed':
      return { unified: hasToolCalls ? 'tool-calls' : 'stop', raw: status };
    case 'failed':
      return { unified: 'error', raw: status };
    case 'incomplete':
    case 'cancelled':
      return { unified: 'other', raw: status };
    case null:
    case undefined:
      return { unified: hasToolCalls ? 'tool-calls' : 'other' };
    default:
      return { unified: 'other', raw: status };
  }
}
