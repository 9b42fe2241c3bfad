import type { Usage } from '@baton/core/contracts';
import type { GeminiUsageMetadata } from './gemini-api.js';
/**
 * Gemini `usageMetadata` → Baton usage. `promptTokenCount` already includes cached tokens
 * (and tool-use prompt tokens are input too); `candidatesTokenCount` excludes thinking, so
 * Baton's `outputTokens` is candidates + thoughts, with thoughts also in `reasoningTokens`.
 * @see https://ai.google.dev/api/generate-content#UsageMetadata
 */
export function convertGeminiUsage(usage: GeminiUsageMetadata | null | undefined): Usage {
  if (!usage) return { inputTokens: 0, outputTokens: 0 };
  const thoughts = usage.thoughtsTokenCount ?? 0;
  const result: Usage = {
    inputTokens: (usage.promptTokenCount ?? 0) + (usage.toolUsePromptTokenCount ?? 0),
    outputTokens: (usage.candidatesTokenCount ?? 0) + thoughts,
    raw: usage,
  };
  if (usage.cachedContentTokenCount != null) result.cachedInputTokens = usage.cachedContentTokenCount;
  if (usage.thoughtsTokenCount != null) result.reasoningTokens = thoughts;
  return result;
}
