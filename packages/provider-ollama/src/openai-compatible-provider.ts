import { type ModelAdapter, ValidationError } from '@baton/core/contracts';
import { OpenAIChatLanguageModel } from '@baton/provider-openai';
import type { FetchFunction, HttpTimeouts } from '@baton/provider-utils';

/** Options for `createOpenAICompatible`. */
export interface OpenAICompatibleSettings {
  /** The server's OpenAI-style base URL, including `/v1` (e.g. `http://127.0.0.1:8000/v1` for vLLM). Required. */
  baseURL: string;
  /** Sent as `Authorization: Bearer` when given (vLLM `--api-key`, LM Studio, proxies); optional. */
  apiKey?: string;
  /** Provider name reported by adapters and errors (default `openai-compatible`). */
  name?: string;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** A custom fetch. */
  fetch?: FetchFunction;
  /** Connect / first-byte / total deadlines. */
  timeouts?: HttpTimeouts;
  /** Whether the server supports `json_schema` response formats (default true; else `json_object`). */
  structuredOutputs?: boolean;
  /** Whether to send `stream_options.include_usage` (default true). */
  includeUsage?: boolean;
}

/** An OpenAI-compatible provider. */
export interface OpenAICompatibleProvider {
  /** A Chat Completions model on that server. */
  chat(modelId: string): OpenAIChatLanguageModel;
  /** Same as `chat(modelId)`. */
  (modelId: string): OpenAIChatLanguageModel;
  /** Same as `chat(modelId)` (the name other Baton providers use). */
  languageModel(modelId: string): OpenAIChatLanguageModel;
}

/**
 * A provider for OpenAI-compatible servers (vLLM, llama.cpp server, LM Studio, Ollama's
 * `/v1`): the OpenAI Chat Completions adapter with `max_tokens` and an optional key.
 */
export function createOpenAICompatible(settings: OpenAICompatibleSettings): OpenAICompatibleProvider {
  if (!settings || typeof settings.baseURL !== 'string' || settings.baseURL.trim() === '') {
    throw new ValidationError('createOpenAICompatible needs a baseURL, e.g. http://127.0.0.1:8000/v1');
  }
  let baseURL: string;
  try {
    baseURL = new URL(settings.baseURL).toString().replace(/\/+$/, '');
  } catch {
    throw new ValidationError(
      `createOpenAICompatible: baseURL ${JSON.stringify(settings.baseURL)} is not a URL`,
    );
  }
  const config = {
    provider: settings.name ?? 'openai-compatible',
    baseURL,
    headers: () => ({
      ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}),
      accept: 'application/json',
      ...settings.headers,
    }),
    maxTokensField: 'max_tokens' as const,
    ...(settings.structuredOutputs !== undefined ? { structuredOutputs: settings.structuredOutputs } : {}),
    ...(settings.includeUsage !== undefined ? { includeUsage: settings.includeUsage } : {}),
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
    ...(settings.timeouts ? { timeouts: settings.timeouts } : {}),
  };
  const chat = (modelId: string) => new OpenAIChatLanguageModel(modelId, config);
  const provider = ((modelId: string) => chat(modelId)) as OpenAICompatibleProvider;
  provider.chat = chat;
  provider.languageModel = chat;
  return provider;
}

/** A model factory for Baton's registry (e.g. `vllm:<model>` registered under the name you choose). */
export function openaiCompatibleProvider(
  settings: OpenAICompatibleSettings,
): (modelId: string) => ModelAdapter {
  const provider = createOpenAICompatible(settings);
  return (modelId) => provider.chat(modelId);
}
