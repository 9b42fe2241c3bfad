import type { ToolCallPart } from './content-part.js';
import type { FinishReason } from './finish-reason.js';
import type { RateLimitInfo } from './rate-limit-info.js';
import type { Usage } from './usage.js';

/** A piece of generated text. */
export interface TextDeltaPart {
  type: 'text-delta';
  delta: string;
}

/** A piece of reasoning text. */
export interface ReasoningDeltaPart {
  type: 'reasoning-delta';
  delta: string;
  /** Set on the part that completes a reasoning block, when the provider signs it. */
  signature?: string;
}

/** A fragment of a tool call's JSON arguments, as streamed. */
export interface ToolCallDeltaPart {
  type: 'tool-call-delta';
  toolCallId: string;
  toolName: string;
  /** The next fragment of the JSON arguments text. */
  argumentsDelta: string;
}

/** A complete tool call (emitted once its arguments are fully received). */
export interface ToolCallStreamPart extends ToolCallPart {}

/** The end of a successful stream. */
export interface FinishPart {
  type: 'finish';
  finishReason: FinishReason;
  usage: Usage;
  responseId?: string;
  modelId?: string;
  rateLimit?: RateLimitInfo;
  providerMetadata?: Record<string, Record<string, unknown>>;
}

/** An error reported inside the stream (the stream ends after it). */
export interface ErrorPart {
  type: 'error';
  /** A `BatonError` subclass as mapped by the adapter. */
  error: unknown;
}

/** One part of a model stream. */
export type ModelStreamPart =
  | TextDeltaPart
  | ReasoningDeltaPart
  | ToolCallDeltaPart
  | ToolCallStreamPart
  | FinishPart
  | ErrorPart;
