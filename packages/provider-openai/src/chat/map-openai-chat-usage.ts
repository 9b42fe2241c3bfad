import type { Usage } from '@baton/core/contracts';
import type { OpenAIChatUsage } from './openai-chat-api.js';

/**
 * Chat Completions usage → Baton's: `prompt_tokens` (cached included) and
 * `completion_tokens` (reasoning included), with `prompt_tokens_details.cached_tokens` and
 * `completion_tokens_details.reasoning_tokens` as subsets; the raw object is kept.
 */
export function mapOpenAIChatUsage(usage: OpenAIChatUsage): Usage {
  if (!usage) return { inputTokens: 0, outputTokens: 0 };
  const mapped: Usage = {
    inputTokens: usage.prompt_tokens ?? 0,
    outputTokens: usage.completion_tokens ?? 0,
    raw: usage,
  };
  const cached = usage.prompt_tokens_details?.cached_tokens;
  if (cached) mapped.cachedInputTokens = cached;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  if (reasoning) mapped.reasoningTokens = reasoning;
  return mapped;
}
