import type { ModelAdapter } from '@baton/core/contracts';
import { createAnthropic } from '@baton/provider-anthropic';
import { createBedrock } from '@baton/provider-bedrock';
import { createGemini } from '@baton/provider-gemini';
import { localProvider } from '@baton/provider-local';
import { createOllama, createOpenAICompatible } from '@baton/provider-ollama';
import { createOpenAI } from '@baton/provider-openai';

/** What a provider needs to make an adapter from the command line or config. */
export interface ChatProviderOptions {
  /** Model id as the provider names it. */
  model: string;
  baseURL?: string;
  apiKey?: string;
  env: NodeJS.ProcessEnv;
}

/** Makes an adapter for `baton chat --provider P` and for model references `P:model` in `baton run`. */
export type ChatProviderFactory = (options: ChatProviderOptions) => ModelAdapter;

/** Every provider the CLI knows, by the name used in `--provider` and model references. */
export const chatProviders: Record<string, ChatProviderFactory> = {
  local: ({ model }) => localProvider()(model),
  openai: ({ model, baseURL, apiKey, env }) => createOpenAI({ baseURL, apiKey, env }).chat(model),
  'openai-responses': ({ model, baseURL, apiKey, env }) =>
    createOpenAI({ baseURL, apiKey, env }).responses(model),
  ollama: ({ model, baseURL, apiKey, env }) => createOllama({ baseURL, apiKey, env }).chat(model),
  'openai-compatible': ({ model, baseURL, apiKey, env }) =>
    createOpenAICompatible({
      baseURL: baseURL ?? env.OPENAI_COMPATIBLE_BASE_URL ?? '',
      apiKey: apiKey ?? env.OPENAI_COMPATIBLE_API_KEY,
    }).chat(model),
  anthropic: ({ model, baseURL, apiKey, env }) => createAnthropic({ baseURL, apiKey, env }).messages(model),
  gemini: ({ model, baseURL, apiKey, env }) => createGemini({ baseURL, apiKey, env }).generativeModel(model),
  // Bedrock signs with the AWS credential variables, or sends a Bedrock API key (`--api-key`,
  // AWS_BEARER_TOKEN_BEDROCK); `--base-url` overrides the regional endpoint.
  bedrock: ({ model, baseURL, apiKey, env }) => createBedrock({ baseURL, apiKey, env }).converse(model),
};
