import type { ModelAdapter } from '@baton/core/contracts';
import { localProvider } from '@baton/provider-local';

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
};
