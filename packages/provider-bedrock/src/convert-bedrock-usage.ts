import type { Usage } from '@baton/core/contracts';
import type { BedrockUsage } from './bedrock-api.js';
/**
 * Converse usage → Baton usage. Converse's `inputTokens` excludes cache reads and writes
 * (they are billed apart); Baton's `inputTokens` counts all input, so the three are summed.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_TokenUsage.html
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html
 */
export function convertBedrockUsage(usage: BedrockUsage | null | undefined): Usage {
  if (!usage) return { inputTokens: 0, outputTokens: 0 };
  const read = usage.cacheReadInputTokens ?? 0;
  const written = usage.cacheWriteInputTokens ?? 0;
  const result: Usage = {
    inputTokens: (usage.inputTokens ?? 0) + read + written,
    outputTokens: usage.outputTokens ?? 0,
    raw: usage,
  };
  if (usage.cacheReadInputTokens != null) result.cachedInputTokens = read;
  if (usage.cacheWriteInputTokens != null) result.cacheWriteInputTokens = written;
  return result;
}
