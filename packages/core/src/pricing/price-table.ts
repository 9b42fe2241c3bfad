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
  // Anthropic list prices; `cacheWriteInput` is the 5-minute cache write (1.25× input; 1-hour
  // writes cost 2×), `cachedInput` the cache read (0.1× input). Dated ids price as their family.
  'anthropic:claude-opus-4': { input: 15, cacheWriteInput: 18.75, cachedInput: 1.5, output: 75 },
  'anthropic:claude-opus-4-1': { input: 15, cacheWriteInput: 18.75, cachedInput: 1.5, output: 75 },
  'anthropic:claude-opus-4-5': { input: 5, cacheWriteInput: 6.25, cachedInput: 0.5, output: 25 },
  'anthropic:claude-opus-4-6': { input: 5, cacheWriteInput: 6.25, cachedInput: 0.5, output: 25 },
  'anthropic:claude-opus-4-7': { input: 5, cacheWriteInput: 6.25, cachedInput: 0.5, output: 25 },
  'anthropic:claude-opus-4-8': { input: 5, cacheWriteInput: 6.25, cachedInput: 0.5, output: 25 },
  'anthropic:claude-sonnet-4': { input: 3, cacheWriteInput: 3.75, cachedInput: 0.3, output: 15 },
  'anthropic:claude-3-7-sonnet': { input: 3, cacheWriteInput: 3.75, cachedInput: 0.3, output: 15 },
  'anthropic:claude-haiku-4-5': { input: 1, cacheWriteInput: 1.25, cachedInput: 0.1, output: 5 },
  'anthropic:claude-3-5-haiku': { input: 0.8, cacheWriteInput: 1, cachedInput: 0.08, output: 4 },
  'anthropic:claude-3-haiku': { input: 0.25, cacheWriteInput: 0.3, cachedInput: 0.03, output: 1.25 },
  // Gemini API paid tier, prompts up to 200k tokens; `cachedInput` is the context-cache read price.
  'gemini:gemini-3.5-flash': { input: 1.5, cachedInput: 0.15, output: 9 },
  'gemini:gemini-3.1-pro': { input: 2, cachedInput: 0.2, output: 12 },
  'gemini:gemini-3.1-flash-lite': { input: 0.25, cachedInput: 0.025, output: 1.5 },
  'gemini:gemini-3-pro': { input: 2, cachedInput: 0.2, output: 12 },
  'gemini:gemini-3-flash': { input: 0.5, cachedInput: 0.05, output: 3 },
  'gemini:gemini-2.5-pro': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gemini:gemini-2.5-flash': { input: 0.3, cachedInput: 0.03, output: 2.5 },
  'gemini:gemini-2.5-flash-lite': { input: 0.1, cachedInput: 0.01, output: 0.4 },
  'gemini:gemini-2.0-flash': { input: 0.1, cachedInput: 0.025, output: 0.4 },
  'gemini:gemini-2.0-flash-lite': { input: 0.075, output: 0.3 },
  // Bedrock on-demand list prices (us-east-1). Cross-region inference profiles (`us.`, `eu.`,
  // `global.`) are listed for the current Claude models; Claude cache writes/reads as on Anthropic.
  'bedrock:anthropic.claude-opus-4-5': { input: 5, cacheWriteInput: 6.25, cachedInput: 0.5, output: 25 },
  'bedrock:anthropic.claude-opus-4-1': { input: 15, cacheWriteInput: 18.75, cachedInput: 1.5, output: 75 },
  'bedrock:anthropic.claude-sonnet-4': { input: 3, cacheWriteInput: 3.75, cachedInput: 0.3, output: 15 },
  'bedrock:anthropic.claude-3-7-sonnet': { input: 3, cacheWriteInput: 3.75, cachedInput: 0.3, output: 15 },
  'bedrock:anthropic.claude-haiku-4-5': { input: 1, cacheWriteInput: 1.25, cachedInput: 0.1, output: 5 },
  'bedrock:anthropic.claude-3-5-haiku': { input: 0.8, cacheWriteInput: 1, cachedInput: 0.08, output: 4 },
  'bedrock:us.anthropic.claude-opus-4-5': { input: 5, cacheWriteInput: 6.25, cachedInput: 0.5, output: 25 },
  'bedrock:us.anthropic.claude-sonnet-4': { input: 3, cacheWriteInput: 3.75, cachedInput: 0.3, output: 15 },
  'bedrock:us.anthropic.claude-haiku-4-5': { input: 1, cacheWriteInput: 1.25, cachedInput: 0.1, output: 5 },
  'bedrock:eu.anthropic.claude-sonnet-4': { input: 3, cacheWriteInput: 3.75, cachedInput: 0.3, output: 15 },
  'bedrock:global.anthropic.claude-sonnet-4': {
    input: 3,
    cacheWriteInput: 3.75,
    cachedInput: 0.3,
    output: 15,
  },
  'bedrock:global.anthropic.claude-haiku-4-5': {
    input: 1,
    cacheWriteInput: 1.25,
    cachedInput: 0.1,
    output: 5,
  },
  'bedrock:amazon.nova-premier': { input: 2.5, cachedInput: 0.625, output: 12.5 },
  'bedrock:amazon.nova-pro': { input: 0.8, cachedInput: 0.2, output: 3.2 },
  'bedrock:amazon.nova-lite': { input: 0.06, cachedInput: 0.015, output: 0.24 },
  'bedrock:amazon.nova-micro': { input: 0.035, cachedInput: 0.00875, output: 0.14 },
  'bedrock:us.amazon.nova-pro': { input: 0.8, cachedInput: 0.2, output: 3.2 },
  'bedrock:us.amazon.nova-lite': { input: 0.06, cachedInput: 0.015, output: 0.24 },
  'bedrock:meta.llama3-3-70b-instruct': { input: 0.72, output: 0.72 },
  'bedrock:us.meta.llama3-3-70b-instruct': { input: 0.72, output: 0.72 },
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
