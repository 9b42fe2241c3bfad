import type { Usage } from '@baton/core/contracts';
import type { AnthropicUsage } from './anthropic-messages-api.js';
/**
 * Anthropic usage → Baton usage. Anthropic's `input_tokens` excludes cache reads and
 * writes; Baton's `inputTokens` counts all input, so the three are summed.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching#tracking-cache-performance
 */
export function convertAnthropicUsage(usage: AnthropicUsage): Usage {
  const read = usage.cache_read_input_tokens ?? 0;
  const written = usage.cache_creation_input_tokens ?? 0;
  const result: Usage = {
    inputTokens: (usage.input_tokens ?? 0) + read + written,
    outputTokens: usage.output_tokens ?? 0,
    raw: usage,
  };
  if (usage.cache_read_input_tokens != null) result.cachedInputTokens = read;
  if (usage.cache_creation_input_tokens != null) result.cacheWriteInputTokens = written;
  return result;
}
