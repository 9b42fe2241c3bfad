import { describe, expect, it } from 'vitest';
import { countTokens } from '../../src/text/count-tokens.js';
import fixture from '../__fixtures__/cl100k-samples.json' with { type: 'json' };

describe('countTokens', () => {
  it.each([
    ['', 0],
    ['hello', 1],
    [' hello world', 2],
    ['Hello, world!', 4],
    ['tokenization', 2],
    ['1234567', 3],
    ['a\n\nb', 3],
  ])('estimates %j as %i tokens', (text, expected) => {
    expect(countTokens(text)).toBe(expected);
  });

  it('stays within 20% of cl100k_base on measured English prose (60 tokens)', () => {
    // cl100k_base encodes this paragraph as 60 tokens (measured with js-tiktoken 1.0.21).
    const prose =
      'The quarterly report shows that revenue grew by 12% compared with the previous quarter, driven mostly by new enterprise contracts in Europe. Operating costs rose more slowly, so the margin improved. However, customer churn in the small-business segment increased, and the team expects pricing changes to address it next year.';
    const estimate = countTokens(prose);
    expect(Math.abs(estimate - 60) / 60).toBeLessThan(0.2);
  });

  it('stays within 9% mean absolute error of cl100k_base over the measured samples (README table)', () => {
    const errors = fixture.samples.map(
      (sample) => Math.abs(countTokens(sample.text) - sample.cl100k) / sample.cl100k,
    );
    const mean = errors.reduce((sum, error) => sum + error, 0) / errors.length;
    expect(mean).toBeLessThan(0.09);
    for (const error of errors) expect(error).toBeLessThan(0.2);
  });

  it('costs CJK text per character and grows with length', () => {
    expect(countTokens('東京都')).toBe(3);
    expect(countTokens('word '.repeat(100))).toBeGreaterThan(countTokens('word '.repeat(10)));
  });

  it('returns the same count for a cached string', () => {
    const text = 'A sentence long enough to be cached by the counter.';
    expect(countTokens(text)).toBe(countTokens(text));
  });
});
