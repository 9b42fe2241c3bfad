import type { ModelAdapter } from '../contracts/model/v1/model-adapter.js';
import { ValidationError } from '../errors/validation-error.js';

/** Makes an adapter for a model id of one provider. */
export type ProviderFactory = (modelId: string) => ModelAdapter;

/** Resolves model references (`provider:model`) to adapters. */
export interface ModelRegistry {
  /** The adapter for `ref`; the same instance for the same ref. */
  resolve(ref: string): ModelAdapter;
  /** Registered provider names. */
  readonly providers: readonly string[];
}

/** Splits `provider:model` (the model part may contain colons, e.g. Bedrock ids). */
export function parseModelRef(ref: string): { provider: string; modelId: string } {
  const colon = ref.indexOf(':');
  if (colon <= 0 || colon === ref.length - 1) {
    throw new ValidationError(
      `model reference ${JSON.stringify(ref)} must look like provider:model (e.g. local:default)`,
    );
  }
  return { provider: ref.slice(0, colon), modelId: ref.slice(colon + 1) };
}

/** Builds a registry from provider factories (`{ local: localProvider(), openai: openaiProvider() }`). */
export function createRegistry(options: {
  providers: Record<string, ProviderFactory>;
  /** Short names for full references, e.g. `{ fast: 'openai:gpt-5.5-mini' }`. */
  aliases?: Record<string, string>;
  /** Wraps every adapter once (retries, circuit breakers, recording). */
  wrap?: (adapter: ModelAdapter, ref: string) => ModelAdapter;
}): ModelRegistry {
  const cache = new Map<string, ModelAdapter>();
  const providers = Object.keys(options.providers);
  return {
    providers,
    resolve(ref) {
      const cached = cache.get(ref);
      if (cached) return cached;
      const target = options.aliases?.[ref] ?? ref;
      const { provider, modelId } = parseModelRef(target);
      const factory = options.providers[provider];
      if (!factory) {
        throw new ValidationError(
          `unknown provider ${JSON.stringify(provider)} in model reference ${JSON.stringify(ref)}; registered: ${providers.join(', ') || 'none'}`,
        );
      }
      const base = factory(modelId);
      const adapter = options.wrap ? options.wrap(base, target) : base;
      cache.set(ref, adapter);
      return adapter;
    },
  };
}
