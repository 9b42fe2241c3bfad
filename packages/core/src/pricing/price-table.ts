import type { Usage } from '../contracts/model/v1/usage.js';

/** USD per million tokens for one model. */
export interface ModelPrice {
  /** Uncached input tokens. */
  input: number;
  /** Input tokens read from the prompt cache (defaults to `input`). */
  cachedInput?: number;
  /** Input tokens written to the prompt cache (defaults to `input`). */
  cacheWriteInput?: number;
  /** Output tokens, reasoning included. */
  output: number;
}

/** Prices keyed by `provider:modelId`; a key `provider:*` prices any model of that provider. */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

/**
 * List prices as published by each provider (USD per 1M tokens, standard tier).
 * Override or extend through `createOrchestrator({ prices })` or `baton.config.ts`.
 */
export const defaultPriceTable: PriceTable = {
  'local:*': { input: 0, output: 0 },
  'mock:*': { input: 0, output: 0 },
  // OpenAI list prices (standard tier). A newer model without its own entry is priced as the
  // longest listed prefix (`gpt-5.5` as `gpt-5`) until it is added here or in config.
  'openai:gpt-5': { input: 1.25, cachedInput: 0.125, output: 10 },
  'openai:gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
  'openai:gpt-5-nano': { input: 0.05, cachedInput: 0.005, output: 0.4 },
  'openai:gpt-5-pro': { input: 15, output: 120 },
  'openai:gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 },
  'openai:gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
  'openai:gpt-4.1-nano': { input: 0.1, cachedInput: 0.025, output: 0.4 },
  'openai:gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
  'openai:gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
  'openai:o1': { input: 15, cachedInput: 7.5, output: 60 },
  'openai:o3': { input: 2, cachedInput: 0.5, output: 8 },
  'openai:o3-mini': { input: 1.1, cachedInput: 0.55, output: 4.4 },
  'openai:o3-pro': { input: 20, output: 80 },
  'openai:o4-mini': { input: 1.1, cachedInput: 0.275, output: 4.4 },
  // Self-hosted servers: no per-token price.
  'ollama:*': { input: 0, output: 0 },
  'openai-compatible:*': { input: 0, output: 0 },
};

/** Finds the price for a model: exact key, then the longest matching prefix, then `provider:*`. */
export function findPrice(table: PriceTable, provider: string, modelId: string): ModelPrice | undefined {
  const exact = table[`${provider}:${modelId}`];
  if (exact) return exact;
  let best: ModelPrice | undefined;
  let bestLength = -1;
  const prefix = `${provider}:`;
  for (const key in table) {
    if (!key.startsWith(prefix) || key.endsWith(':*')) continue;
    const id = key.slice(prefix.length);
    // Dated snapshots (`gpt-5.5-2026-01-15`) are priced as their family.
    if (modelId.startsWith(id) && id.length > bestLength) {
      best = table[key];
      bestLength = id.length;
    }
  }
  return best ?? table[`${provider}:*`];
}

/** Cost in USD of `usage` at `price`; unknown models cost 0 and are flagged by the caller. */
export function priceUsage(price: ModelPrice | undefined, usage: Usage): number {
  if (!price) return 0;
  const cached = usage.cachedInputTokens ?? 0;
  const written = usage.cacheWriteInputTokens ?? 0;
  const plain = Math.max(0, usage.inputTokens - cached - written);
  return (
    (plain * price.input +
      cached * (price.cachedInput ?? price.input) +
      written * (price.cacheWriteInput ?? price.input) +
      usage.outputTokens * price.output) /
    1_000_000
  );
}
