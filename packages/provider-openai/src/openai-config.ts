import type { FetchFunction, HttpTimeouts } from '@baton/provider-utils';

/** What a model class needs from its provider: where to call, with which headers. */
export interface OpenAIConfig {
  /** Provider name reported by the adapter and on errors, e.g. `openai`, `vllm`. */
  provider: string;
  /** Base URL without a trailing slash, e.g. `https://api.openai.com/v1`. */
  baseURL: string;
  /** Headers for each call; may throw `AuthenticationError` when a required key is missing. */
  headers: () => Record<string, string | undefined>;
  /** A custom fetch. */
  fetch?: FetchFunction | undefined;
  /** HTTP deadlines. */
  timeouts?: HttpTimeouts | undefined;
}
