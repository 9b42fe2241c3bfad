import type { ModelAdapter } from '@baton/core/contracts';
import { type FetchFunction, type HttpTimeouts, loadApiKey } from '@baton/provider-utils';
import { AnthropicMessagesLanguageModel } from './anthropic-messages-language-model.js';

/** Options of `createAnthropic`. */
export interface AnthropicProviderSettings {
  /** API key; defaults to the `ANTHROPIC_API_KEY` environment variable. */
  apiKey?: string | undefined;
  /** API base URL (default `https://api.anthropic.com/v1`, or `ANTHROPIC_BASE_URL`). */
  baseURL?: string | undefined;
  /** Extra headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** A custom fetch (tests, proxies); default is Baton's pooled undici client. */
  fetch?: FetchFunction | undefined;
  /** Connect, first-byte and total deadlines. */
  timeouts?: HttpTimeouts | undefined;
  /** Environment to read keys from (default `process.env`). */
  env?: Record<string, string | undefined> | undefined;
}

/** An Anthropic provider: call it (or `.messages`) with a model id to get a `ModelAdapter`. */
export interface AnthropicProvider {
  (modelId: string): AnthropicMessagesLanguageModel;
  /** A Messages API model, e.g. `claude-sonnet-4-5`. */
  messages(modelId: string): AnthropicMessagesLanguageModel;
  /** The same as `messages(modelId)`. */
  languageModel(modelId: string): AnthropicMessagesLanguageModel;
}

/** The Messages API's default base URL. */
export const ANTHROPIC_BASE_URL = 'https://api.anthropic.com/v1';

/**
 * Creates an Anthropic provider. The key is read when a call is made, so a missing key is
 * an `AuthenticationError` from that call, before any request is sent.
 * @see https://docs.anthropic.com/en/api/messages
 */
export function createAnthropic(settings: AnthropicProviderSettings = {}): AnthropicProvider {
  const env = settings.env ?? process.env;
  const baseURL = (settings.baseURL ?? env.ANTHROPIC_BASE_URL ?? ANTHROPIC_BASE_URL).replace(/\/+$/, '');
  const apiKey = () =>
    loadApiKey({
      apiKey: settings.apiKey,
      environmentVariable: 'ANTHROPIC_API_KEY',
      provider: 'Anthropic',
      env,
    });
  const messages = (modelId: string) =>
    new AnthropicMessagesLanguageModel(modelId, {
      baseURL,
      apiKey,
      headers: settings.headers,
      fetch: settings.fetch,
      timeouts: settings.timeouts,
    });
  const provider = (modelId: string) => messages(modelId);
  provider.messages = messages;
  provider.languageModel = messages;
  return provider;
}

/** For core's model registry: `anthropic:<modelId>` → a Messages adapter. */
export function anthropicProvider(
  settings: AnthropicProviderSettings = {},
): (modelId: string) => ModelAdapter {
  const provider = createAnthropic(settings);
  return (modelId) => provider.messages(modelId);
}
