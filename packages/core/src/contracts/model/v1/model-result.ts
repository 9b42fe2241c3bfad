import type { ReasoningPart, TextPart, ToolCallPart } from './content-part.js';
import type { FinishReason } from './finish-reason.js';
import type { RateLimitInfo } from './rate-limit-info.js';
import type { Usage } from './usage.js';

/** What a model can return: text, reasoning and tool calls, in order. */
export type ModelContentPart = TextPart | ReasoningPart | ToolCallPart;

/** The result of one `generate` call. */
export interface ModelResult {
  /** Generated content, in order. */
  content: ModelContentPart[];
  /** Why generation stopped. */
  finishReason: FinishReason;
  /** Tokens used. */
  usage: Usage;
  /** The provider's response id. */
  responseId?: string;
  /** The model that actually answered, as the provider names it. */
  modelId?: string;
  /** Rate-limit headers of the response, when the provider sends them. */
  rateLimit?: RateLimitInfo;
  /** Anything else provider-specific worth keeping, keyed by provider. */
  providerMetadata?: Record<string, Record<string, unknown>>;
}
