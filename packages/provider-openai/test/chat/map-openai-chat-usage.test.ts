import { describe, expect, it } from 'vitest';
import { mapOpenAIChatUsage } from '../../src/chat/map-openai-chat-usage.js';
import { mapOpenAIResponsesUsage } from '../../src/responses/map-openai-responses-usage.js';

describe('usage mapping', () => {
  it('chat: cached and reasoning details are subsets', () => {
    const raw = {
      prompt_tokens: 2006,
      completion_tokens: 300,
      total_tokens: 2306,
      prompt_tokens_details: { cached_tokens: 1920, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 192, audio_tokens: 0 },
    };
    expect(mapOpenAIChatUsage(raw)).toEqual({
      inputTokens: 2006,
      outputTokens: 300,
      cachedInputTokens: 1920,
      reasoningTokens: 192,
      raw,
    });
  });

  it('chat: zero details are omitted; missing usage is zero', () => {
    expect(
      mapOpenAIChatUsage({
        prompt_tokens: 5,
        completion_tokens: 2,
        prompt_tokens_details: { cached_tokens: 0 },
      }),
    ).toMatchObject({
      inputTokens: 5,
      outputTokens: 2,
    });
    expect(mapOpenAIChatUsage(null)).toEqual({ inputTokens: 0, outputTokens: 0 });
  });

  it('responses: input/output token details', () => {
    const raw = {
      input_tokens: 36,
      input_tokens_details: { cached_tokens: 12 },
      output_tokens: 87,
      output_tokens_details: { reasoning_tokens: 40 },
      total_tokens: 123,
    };
    expect(mapOpenAIResponsesUsage(raw)).toEqual({
      inputTokens: 36,
      outputTokens: 87,
      cachedInputTokens: 12,
      reasoningTokens: 40,
      raw,
    });
  });
});
