import type { ModelRequest } from './model-request.js';
import type { ModelResult } from './model-result.js';
import type { ModelStreamPart } from './stream-part.js';

/** Per-call options for an adapter. */
export interface ModelCallOptions {
  /** Aborts the call; adapters reject with `CancelledError` (or `TimeoutError` for a timeout signal). */
  signal?: AbortSignal;
}

/**
 * The provider spec, version 1. Every provider package implements this and imports
 * nothing but `@baton/core/contracts`. A breaking change is a new `ModelAdapterV2` beside
 * this one, never an edit.
 */
export interface ModelAdapterV1 {
  /** Spec version marker. */
  readonly specificationVersion: 'v1';
  /** Provider name, e.g. `openai`, `anthropic`, `local`. */
  readonly provider: string;
  /** Model id as the provider names it, e.g. `gpt-5.5`. */
  readonly modelId: string;
  /** One call, whole answer. Rejects with a `BatonError` subclass. */
  generate(request: ModelRequest, options?: ModelCallOptions): Promise<ModelResult>;
  /**
   * One call, streamed. Transport failures before the first part reject the iterator's
   * first `next()`; failures afterwards arrive as an `error` part or a rejection.
   */
  stream(request: ModelRequest, options?: ModelCallOptions): AsyncIterable<ModelStreamPart>;
}

/** The current provider spec. */
export type ModelAdapter = ModelAdapterV1;
