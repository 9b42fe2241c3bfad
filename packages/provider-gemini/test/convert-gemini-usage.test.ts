import { describe, expect, it } from 'vitest';
import { convertGeminiUsage } from '../src/convert-gemini-usage.js';

describe('convertGeminiUsage', () => {
  it.each([
    [
      { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 },
      { inputTokens: 10, outputTokens: 5 },
    ],
    [
      {
        promptTokenCount: 100,
        candidatesTokenCount: 10,
        thoughtsTokenCount: 20,
        cachedContentTokenCount: 60,
      },
      { inputTokens: 100, outputTokens: 30, reasoningTokens: 20, cachedInputTokens: 60 },
    ],
    [
      { promptTokenCount: 10, toolUsePromptTokenCount: 4, candidatesTokenCount: 1 },
      { inputTokens: 14, outputTokens: 1 },
    ],
  ])('%j → %j (outputTokens includes thoughts)', (raw, expected) => {
    expect(convertGeminiUsage(raw)).toEqual({ ...expected, raw });
  });

  it('is zero without usageMetadata', () => {
    expect(convertGeminiUsage(undefined)).toEqual({ inputTokens: 0, outputTokens: 0 });
  });
});
