import type { ModelAdapter } from '@baton/core/contracts';
import { type FetchFunction, type HttpTimeouts, loadApiKey } from '@baton/provider-utils';
import { OpenAIChatLanguageModel } from './chat/openai-chat-language-model.js';
import { OpenAIResponsesLanguageModel } from './responses/openai-responses-language-model.js';

/** Options for `createOpenAI`. */
export interface OpenAIProviderSettings {
  /** API key; defaults to the `OPENAI_API_KEY` environment variable (read at call time). */
  apiKey?: string;
  /** Base URL (default `https://api.openai.com/v1`, or `OPENAI_BASE_URL`). */
  baseURL?: string;
  /** Sent as `OpenAI-Organization`. */
  organization?: string;
  /** Sent as `OpenAI-Project`. */
  project?: string;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** A custom fetch (default: Baton's pooled undici client). */
  fetch?: FetchFunction;
  /** Connect / first-byte / total deadlines. */
  timeouts?: HttpTimeouts;
  /** Environment to read keys from (default `process.env`). */
  env?: Record<string, string | undefined>;
}

/** An OpenAI provider: pick an API flavour and a model. */
export interface OpenAIProvider {
  /** A Chat Completions model (`/chat/completions`). */
  chat(modelId: string): OpenAIChatLanguageModel;
  /** A Responses API model (`/responses`). */
  responses(modelId: string): OpenAIResponsesLanguageModel;
  /** Same as `responses(modelId)`, OpenAI's recommended API. */
  (modelId: string): OpenAIResponsesLanguageModel;
  /** Same as `responses(modelId)` (the name other Baton providers use). */
  languageModel(modelId: string): OpenAIResponsesLanguageModel;
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Creates an OpenAI provider. The key comes from `apiKey` or `OPENAI_API_KEY`; a missing key
 * is an `AuthenticationError` raised by the first call, before any request is sent.
 * @see https://platform.openai.com/docs/api-reference/authentication
 */
export function createOpenAI(settings: OpenAIProviderSettings = {}): OpenAIProvider {
  const env = settings.env ?? process.env;
  const baseURL = withoutTrailingSlash(
    settings.baseURL ?? env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
  );
  const headers = () => ({
    authorization: `Bearer ${loadApiKey({ apiKey: settings.apiKey, environmentVariable: 'OPENAI_API_KEY', provider: 'OpenAI', env })}`,
    ...(settings.organization ? { 'openai-organization': settings.organization } : {}),
    ...(settings.project ? { 'openai-project': settings.project } : {}),
    accept: 'application/json',
    ...settings.headers,
  });
  const config = {
    provider: 'openai',
    baseURL,
    headers,
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
    ...(settings.timeouts ? { timeouts: settings.timeouts } : {}),
  };
  const responses = (modelId: string) => new OpenAIResponsesLanguageModel(modelId, config);
  const provider = ((modelId: string) => responses(modelId)) as OpenAIProvider;
  provider.chat = (modelId: string) => new OpenAIChatLanguageModel(modelId, config);
  provider.responses = responses;
  provider.languageModel = responses;
  return provider;
}

/**
 * A model factory for Baton's registry (`openai:<model>` references): Chat Completions by
 * default, or the Responses API with `{ api: 'responses' }`.
 */
export function openaiProvider(
  settings: OpenAIProviderSettings & { api?: 'chat' | 'responses' } = {},
): (modelId: string) => ModelAdapter {
  const { api = 'chat', ...rest } = settings;
  const provider = createOpenAI(rest);
  return api === 'responses' ? (modelId) => provider.responses(modelId) : (modelId) => provider.chat(modelId);
}
