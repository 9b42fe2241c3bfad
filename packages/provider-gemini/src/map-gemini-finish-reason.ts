import type { FinishReason } from '@baton/core/contracts';

/**
 * Gemini's `finishReason` in Baton's words. `hasToolCalls`: the candidate holds function
 * calls, which Gemini reports as `STOP`.
 * @see https://ai.google.dev/api/generate-content#FinishReason
 */
export function mapGeminiFinishReason(raw: string | null | undefined, hasToolCalls = false): FinishReason {
  switch (raw) {
    case 'STOP':
      return { unified: hasToolCalls ? 'tool-calls' : 'stop', raw };
    case 'MAX_TOKENS':
      return { unified: 'length', raw };
    case 'SAFETY':
    case 'RECITATION':
    case 'BLOCKLIST':
    case 'PROHIBITED_CONTENT':
    case 'SPII':
    case 'IMAGE_SAFETY':
    case 'IMAGE_PROHIBITED_CONTENT':
    case 'IMAGE_RECITATION':
      return { unified: 'content-filter', raw };
    case 'MALFORMED_FUNCTION_CALL':
    case 'UNEXPECTED_TOOL_CALL':
    case 'TOO_MANY_TOOL_CALLS':
    case 'MISSING_THOUGHT_SIGNATURE':
      return { unified: 'error', raw };
    case 'LANGUAGE':
    case 'OTHER':
    case 'IMAGE_OTHER':
    case 'NO_IMAGE':
    case 'FINISH_REASON_UNSPECIFIED':
      return { unified: 'other', raw };
    default:
      return raw == null ? { unified: hasToolCalls ? 'tool-calls' : 'other' } : { unified: 'other', raw };
  }
}
