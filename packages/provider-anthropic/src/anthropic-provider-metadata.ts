import type { AnthropicUsage } from './anthropic-messages-api.js';

/** What Baton keeps of a Messages response beyond the contract: request id, stop sequence, cache writes. */
export function anthropicProviderMetadata(
  headers: Record<string, string>,
  stopSequence: string | null | undefined,
  usage: AnthropicUsage | null | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (headers['request-id']) out.requestId = headers['request-id'];
  if (stopSequence) out.stopSequence = stopSequence;
  if (usage?.cache_creation_input_tokens != null)
    out.cacheCreationInputTokens = usage.cache_creation_input_tokens;
  return out;
}
