import type { FinishReason } from '@baton/core/contracts';

/**
 * Maps Ollama's `done_reason` to Baton's. Ollama reports `stop` when the model called
 * tools, so a response with tool calls finishes with `tool-calls` (raw value kept).
 */
export function mapOllamaDoneReason(raw: string | null | undefined, hasToolCalls: boolean): FinishReason {
  if (hasToolCalls && (raw === 'stop' || raw === null || raw === undefined)) {
    return raw ? { unified: 'tool-calls', raw } : { unified: 'tool-calls' };
  }
  switch (raw) {
    case 'stop':
      return { unified: 'stop', raw };
    case 'length':
      return { unified: 'length', raw };
    case null:
    case undefined:
      return { unified: 'other' };
    default:
      return { unified: 'other', raw };
  }
}
