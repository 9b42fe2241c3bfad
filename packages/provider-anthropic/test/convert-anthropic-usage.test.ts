import { describe, expect, it } from 'vitest';
import { convertAnthropicUsage } from '../src/convert-anthropic-usage.js';

describe('convertAnthropicUsage', () => {
  it.each([
    [
      { input_tokens: 100, output_tokens: 20 },
      { inputTokens: 100, outputTokens: 20 },
    ],
    [
      {
        input_tokens: 100,
        cache_read_input_tokens: 700,
        cache_creation_input_tokens: 200,
        output_tokens: 20,
      },
      { inputTokens: 1000, cachedInputTokens: 700, cacheWriteInputTokens: 200, outputTokens: 20 },
    ],
    [
      { input_tokens: 5, cache_read_input_tokens: 0, cache_creation_input_tokens: 0, output_tokens: 1 },
      { inputTokens: 5, cachedInputTokens: 0, cacheWriteInputTokens: 0, outputTokens: 1 },
    ],
    [{}, { inputTokens: 0, outputTokens: 0 }],
  ])('%j → %j (input_tokens excludes cache tokens; Baton counts all input)', (raw, expected) => {
    const usage = convertAnthropicUsage(raw);
    expect(usage).toEqual({ ...expected, raw });
  });
});
