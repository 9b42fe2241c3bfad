import { describe, expect, it } from 'vitest';
import { defaultPriceTable, findPrice, priceUsage } from '../../src/pricing/price-table.js';

describe('OpenAI prices in the default table', () => {
  it.each([
    ['gpt-4o-mini-2024-07-18', 0.15, 0.6],
    ['gpt-4o-2024-08-06', 2.5, 10],
    ['gpt-4.1-mini', 0.4, 1.6],
    ['gpt-5-mini-2025-08-07', 0.25, 2],
    ['gpt-5', 1.25, 10],
    ['o3-mini', 1.1, 4.4],
    ['o4-mini-2025-04-16', 1.1, 4.4],
  ])('%s is priced at its family (input %f, output %f)', (model, input, output) => {
    expect(findPrice(defaultPriceTable, 'openai', model)).toMatchObject({ input, output });
  });

  it('cached input tokens are charged at the cached price', () => {
    const price = findPrice(defaultPriceTable, 'openai', 'gpt-4o-mini');
    // 1M input of which 400k cached, 100k output: 600k*0.15 + 400k*0.075 + 100k*0.6 per 1M.
    const cost = priceUsage(price, {
      inputTokens: 1_000_000,
      cachedInputTokens: 400_000,
      outputTokens: 100_000,
    });
    expect(cost).toBeCloseTo(0.09 + 0.03 + 0.06, 10);
  });

  it('self-hosted providers cost nothing', () => {
    expect(
      priceUsage(findPrice(defaultPriceTable, 'ollama', 'llama3.2'), { inputTokens: 100, outputTokens: 100 }),
    ).toBe(0);
    expect(findPrice(defaultPriceTable, 'openai-compatible', 'qwen')).toEqual({ input: 0, output: 0 });
  });
});
