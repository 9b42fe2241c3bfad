import { type BatonConfig, createRegistry, type ModelRegistry, type ProviderFactory } from '@baton/core';
import { chatProviders } from './providers.js';

/**
 * The registry `baton run` uses: every provider the CLI knows, each configured from
 * `baton.config.*` (`providers: { openai: { baseURL, apiKey } }`) and the environment.
 */
export function createCliRegistry(config: BatonConfig, env: NodeJS.ProcessEnv): ModelRegistry {
  const providers: Record<string, ProviderFactory> = {};
  for (const [name, factory] of Object.entries(chatProviders)) {
    const settings = config.providers?.[name] ?? {};
    providers[name] = (modelId) =>
      factory({
        model: modelId,
        env,
        ...(typeof settings.baseURL === 'string' ? { baseURL: settings.baseURL } : {}),
        ...(typeof settings.apiKey === 'string' ? { apiKey: settings.apiKey } : {}),
      });
  }
  return createRegistry({ providers, ...(config.aliases ? { aliases: config.aliases } : {}) });
}
