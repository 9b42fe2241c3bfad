import { describe, expect, it } from 'vitest';
import { convertBedrockUsage } from '../src/convert-bedrock-usage.js';

describe('convertBedrockUsage', () => {
  it.each([
    [
      { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
      { inputTokens: 10, outputTokens: 5 },
    ],
    [
      {
        inputTokens: 100,
        outputTokens: 20,
        totalTokens: 520,
        cacheReadInputTokens: 300,
        cacheWriteInputTokens: 100,
      },
      { inputTokens: 500, outputTokens: 20, cachedInputTokens: 300, cacheWriteInputTokens: 100 },
    ],
  ])('%j → %j (Converse inputTokens excludes cache tokens)', (raw, expected) => {
    expect(convertBedrockUsage(raw)).toEqual({ ...expected, raw });
  });

  it('is zero without usage', () => {
    expect(convertBedrockUsage(null)).toEqual({ inputTokens: 0, outputTokens: 0 });
  });
});
