import { describe, expect, it } from 'vitest';
import {
  parseOpenAIDurationMs,
  parseOpenAIRateLimitHeaders,
} from '../src/parse-openai-rate-limit-headers.js';

describe('parseOpenAIDurationMs', () => {
  it.each<[string | undefined, number | undefined]>([
    ['1s', 1000],
    ['6m0s', 360_000],
    ['20ms', 20],
    ['1h2m3.5s', 3_723_500],
    ['0.5s', 500],
    ['17ms', 17],
    ['2m', 120_000],
    ['3', 3000],
    ['soon', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%s → %s', (text, expected) => {
    expect(parseOpenAIDurationMs(text)).toBe(expected);
  });
});

describe('parseOpenAIRateLimitHeaders', () => {
  it('reads all six headers', () => {
    expect(
      parseOpenAIRateLimitHeaders({
        'x-ratelimit-limit-requests': '60',
        'x-ratelimit-limit-tokens': '150000',
        'x-ratelimit-remaining-requests': '59',
        'x-ratelimit-remaining-tokens': '149984',
        'x-ratelimit-reset-requests': '1s',
        'x-ratelimit-reset-tokens': '6m0s',
      }),
    ).toEqual({
      limitRequests: 60,
      limitTokens: 150000,
      remainingRequests: 59,
      remainingTokens: 149984,
      resetRequestsMs: 1000,
      resetTokensMs: 360_000,
    });
  });

  it('keeps what is present and skips garbage', () => {
    expect(
      parseOpenAIRateLimitHeaders({
        'x-ratelimit-remaining-tokens': '12',
        'x-ratelimit-limit-requests': 'many',
      }),
    ).toEqual({ remainingTokens: 12 });
  });

  it('is undefined without rate-limit headers', () => {
    expect(parseOpenAIRateLimitHeaders({ 'content-type': 'application/json' })).toBeUndefined();
  });
});
