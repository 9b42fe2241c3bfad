import type { ModelAdapter } from '@baton/core/contracts';
import type { FetchFunction, HttpTimeouts } from '@baton/provider-utils';
import { OllamaChatLanguageModel } from './ollama-chat-language-model.js';

/** Options for `createOllama`. */
export interface OllamaProviderSettings {
  /** Server URL (default: `OLLAMA_HOST` from `env`, else `http://127.0.0.1:11434`). */
  baseURL?: string;
  /** Environment to read `OLLAMA_HOST` from (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Sent as `Authorization: Bearer` (e.g. for ollama.com or a proxy); local servers need none. */
  apiKey?: string;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** A custom fetch. */
  fetch?: FetchFunction;
  /** Connect / first-byte / total deadlines. */
  timeouts?: HttpTimeouts;
}

/** An Ollama provider. */
export interface OllamaProvider {
  /** A model over the native `/api/chat`. */
  chat(modelId: string): OllamaChatLanguageModel;
  /** Same as `chat(modelId)`. */
  (modelId: string): OllamaChatLanguageModel;
  /** Same as `chat(modelId)` (the name other Baton providers use). */
  languageModel(modelId: string): OllamaChatLanguageModel;
}

/**
 * `OLLAMA_HOST` as Ollama's own clients read it: `host`, `host:port` or a URL; the scheme
 * defaults to http and the port to 11434.
 */
export function ollamaHostURL(host: string | undefined): string | undefined {
  const trimmed = host?.trim();
  if (!trimmed) return undefined;
  const withScheme = /^[a-z]+:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (url.port === '' && !/:\d+$/.test(url.host)) url.port = url.protocol === 'https:' ? '' : '11434';
    if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
    return url.toString();
  } catch {
    return undefined;
  }
}

/** Creates an Ollama provider speaking the native `/api/chat` API. */
export function createOllama(settings: OllamaProviderSettings = {}): OllamaProvider {
  const env = settings.env ?? process.env;
  const baseURL = (settings.baseURL ?? ollamaHostURL(env.OLLAMA_HOST) ?? 'http://127.0.0.1:11434')
    .replace(/\/+$/, '')
    .replace(/\/api$/, '');
  const config = {
    provider: 'ollama',
    baseURL,
    headers: () => ({
      ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}),
      ...settings.headers,
    }),
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
    ...(settings.timeouts ? { timeouts: settings.timeouts } : {}),
  };
  const chat = (modelId: string) => new OllamaChatLanguageModel(modelId, config);
  const provider = ((modelId: string) => chat(modelId)) as OllamaProvider;
  provider.chat = chat;
  provider.languageModel = chat;
  return provider;
}

/** A model factory for Baton's registry (`ollama:<model>` references). */
export function ollamaProvider(settings: OllamaProviderSettings = {}): (modelId: string) => ModelAdapter {
  const provider = createOllama(settings);
  return (modelId) => provider.chat(modelId);
}
