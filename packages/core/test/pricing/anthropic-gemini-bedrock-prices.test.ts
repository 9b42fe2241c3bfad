import { describe, expect, it } from 'vitest';
import { defaultPriceTable, findPrice, priceUsage } from '../../src/pricing/price-table.js';

describe('Anthropic, Gemini and Bedrock prices in the default table', () => {
  it.each([
    ['anthropic', 'claude-sonnet-4-5-20250929', 3, 15],
    ['anthropic', 'claude-opus-4-20250514', 15, 75],
    ['anthropic', 'claude-opus-4-1-20250805', 15, 75],
    ['anthropic', 'claude-opus-4-5-20251101', 5, 25],
    ['anthropic', 'claude-opus-4-7', 5, 25],
    ['anthropic', 'claude-haiku-4-5-20251001', 1, 5],
    ['anthropic', 'claude-3-5-haiku-latest', 0.8, 4],
    ['gemini', 'gemini-2.5-flash', 0.3, 2.5],
    ['gemini', 'gemini-2.5-flash-lite', 0.1, 0.4],
    ['gemini', 'gemini-2.5-pro', 1.25, 10],
    ['gemini', 'gemini-3-pro-preview', 2, 12],
    ['bedrock', 'anthropic.claude-sonnet-4-5-20250929-v1:0', 3, 15],
    ['bedrock', 'us.anthropic.claude-haiku-4-5-20251001-v1:0', 1, 5],
    ['bedrock', 'global.anthropic.claude-sonnet-4-5-20250929-v1:0', 3, 15],
    ['bedrock', 'amazon.nova-pro-v1:0', 0.8, 3.2],
    ['bedrock', 'amazon.nova-lite-v1:0', 0.06, 0.24],
  ])('%s:%s is priced at its family (input %f, output %f)', (provider, model, input, output) => {
    expect(findPrice(defaultPriceTable, provider, model)).toMatchObject({ input, output });
  });

  it('Anthropic cache reads and 5-minute cache writes have their own prices', () => {
    const price = findPrice(defaultPriceTable, 'anthropic', 'claude-sonnet-4-5');
    // 1M input: 600k read from cache, 200k written to it, 200k plain; 100k output.
    const cost = priceUsage(price, {
      inputTokens: 1_000_000,
      cachedInputTokens: 600_000,
      cacheWriteInputTokens: 200_000,
      outputTokens: 100_000,
    });
    expect(cost).toBeCloseTo(0.2 * 3 + 0.6 * 0.3 + 0.2 * 3.75 + 0.1 * 15, 10);
  });

  it('unknown Bedrock models are unpriced rather than guessed', () => {
    expect(findPrice(defaultPriceTable, 'bedrock', 'cohere.command-r-v1:0')).toBeUndefined();
  });
});
