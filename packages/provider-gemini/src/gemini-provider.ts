import type { ModelAdapter } from '@baton/core/contracts';
import { type FetchFunction, type HttpTimeouts, loadApiKey } from '@baton/provider-utils';
import { GeminiLanguageModel } from './gemini-language-model.js';

/** Options of `createGemini`. */
export interface GeminiProviderSettings {
  /** API key; defaults to `GEMINI_API_KEY`, then `GOOGLE_API_KEY`. */
  apiKey?: string | undefined;
  /** API base URL (default `https://generativelanguage.googleapis.com/v1beta`). */
  baseURL?: string | undefined;
  /** Extra headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** A custom fetch (tests, proxies); default is Baton's pooled undici client. */
  fetch?: FetchFunction | undefined;
  /** Connect, first-byte and total deadlines. */
  timeouts?: HttpTimeouts | undefined;
  /** Environment to read keys from (default `process.env`). */
  env?: Record<string, string | undefined> | undefined;
  /** Tool-call ids when the API sends none (default: random). */
  generateId?: (() => string) | undefined;
}

/** A Gemini provider: call it (or `.generativeModel`) with a model id to get a `ModelAdapter`. */
export interface GeminiProvider {
  (modelId: string): GeminiLanguageModel;
  /** A Gemini model, e.g. `gemini-2.5-flash`. */
  generativeModel(modelId: string): GeminiLanguageModel;
  /** The same as `generativeModel(modelId)`. */
  languageModel(modelId: string): GeminiLanguageModel;
}

/** The Gemini API's default base URL. */
export const GEMINI_BASE_URL = 'https://generativelanguage.googleapis.com/v1beta';

/**
 * Creates a Gemini provider. The key is read when a call is made, so a missing key is an
 * `AuthenticationError` from that call, before any request is sent.
 * @see https://ai.google.dev/api/generate-content
 */
export function createGemini(settings: GeminiProviderSettings = {}): GeminiProvider {
  const env = settings.env ?? process.env;
  const baseURL = (settings.baseURL ?? GEMINI_BASE_URL).replace(/\/+$/, '');
  const apiKey = () => {
    if (!settings.apiKey && !env.GEMINI_API_KEY?.trim() && env.GOOGLE_API_KEY?.trim()) {
      return loadApiKey({ environmentVariable: 'GOOGLE_API_KEY', provider: 'Gemini', env });
    }
    return loadApiKey({
      apiKey: settings.apiKey,
      environmentVariable: 'GEMINI_API_KEY',
      provider: 'Gemini',
      env,
    });
  };
  const generativeModel = (modelId: string) =>
    new GeminiLanguageModel(modelId, {
      baseURL,
      apiKey,
      headers: settings.headers,
      fetch: settings.fetch,
      timeouts: settings.timeouts,
      generateId: settings.generateId,
    });
  const provider = (modelId: string) => generativeModel(modelId);
  provider.generativeModel = generativeModel;
  provider.languageModel = generativeModel;
  return provider;
}

/** For core's model registry: `gemini:<modelId>` → a Gemini adapter. */
export function geminiProvider(settings: GeminiProviderSettings = {}): (modelId: string) => ModelAdapter {
  const provider = createGemini(settings);
  return (modelId) => provider.generativeModel(modelId);
}
