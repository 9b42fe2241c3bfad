import type { Usage } from '@baton/core/contracts';
import type { OpenAIResponsesUsage } from './openai-responses-api.js';

/**
 * Responses usage → Baton's: `input_tokens` (cached included), `output_tokens` (reasoning
 * included), `input_tokens_details.cached_tokens`, `output_tokens_details.reasoning_tokens`.
 */
export function mapOpenAIResponsesUsage(usage: OpenAIResponsesUsage): Usage {
  if (!usage) return { inputTokens: 0, outputTokens: 0 };
  const mapped: Usage = {
    inputTokens: usage.input_tokens ?? 0,
    outputTokens: usage.output_tokens ?? 0,
    raw: usage,
  };
  const cached = usage.input_tokens_details?.cached_tokens;
  if (cached) mapped.cachedInputTokens = cached;
  const reasoning = usage.output_tokens_details?.reasoning_tokens;
  if (reasoning) mapped.reasoningTokens = reasoning;
  return mapped;
}
