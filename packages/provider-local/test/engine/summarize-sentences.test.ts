import { describe, expect, it } from 'vitest';
import { summarizeSentences } from '../../src/engine/summarize-sentences.js';
import { countTokens } from '../../src/text/count-tokens.js';
import { splitSentences } from '../../src/text/split-sentences.js';
import { tokenizeTerms } from '../../src/text/tokenize-terms.js';
import { ARTICLE, SOURCED_CONTEXT } from '../__fixtures__/messages.js';

const texts = (sentences: { text: string }[]) => sentences.map((sentence) => sentence.text);

describe('summarizeSentences', () => {
  it('keeps the informative sentences and drops the asides, in original order', () => {
    const { sentences, truncated } = summarizeSentences(splitSentences(ARTICLE), { maxSentences: 3 });
    expect(truncated).toBe(false);
    expect(texts(sentences)).toHaveLength(3);
    for (const sentence of texts(sentences)) expect(sentence).toMatch(/Baton/);
    const positions = texts(sentences).map((sentence) => ARTICLE.indexOf(sentence));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('never picks off-topic asides for a two-sentence summary', () => {
    const picked = texts(summarizeSentences(splitSentences(ARTICLE), { maxSentences: 2 }).sentences);
    expect(picked.join(' ')).not.toMatch(/weather|coffee|pizza/);
  });

  it('boosts sentences about the focus terms', () => {
    const unfocused = texts(summarizeSentences(splitSentences(ARTICLE), { maxSentences: 1 }).sentences);
    expect(unfocused[0]).not.toMatch(/capabilities/);
    const focus = new Set(tokenizeTerms('capabilities'));
    const picked = texts(summarizeSentences(splitSentences(ARTICLE), { maxSentences: 1, focus }).sentences);
    expect(picked[0]).toMatch(/capabilities/);
  });

  it('respects a token budget and reports truncation when nothing fits', () => {
    const { sentences } = summarizeSentences(splitSentences(ARTICLE), { maxSentences: 5, maxTokens: 30 });
    const total = sentences.reduce((sum, sentence) => sum + countTokens(sentence.text) + 1, 0);
    expect(total).toBeLessThanOrEqual(30);
    expect(sentences.length).toBeGreaterThan(0);
    expect(summarizeSentences(splitSentences(ARTICLE), { maxTokens: 2 }).truncated).toBe(true);
  });

  it('covers several sources before taking a second sentence from one', () => {
    const picked = summarizeSentences(splitSentences(SOURCED_CONTEXT), { maxSentences: 3 }).sentences;
    expect(new Set(picked.map((sentence) => sentence.source))).toEqual(
      new Set(['doc-01', 'doc-02', 'doc-03']),
    );
  });

  it('skips near-duplicate sentences', () => {
    const text =
      'Revenue grew by ten percent this quarter. Revenue grew by ten percent this quarter! Costs fell sharply in Europe.';
    const picked = texts(summarizeSentences(splitSentences(text), { maxSentences: 2 }).sentences);
    expect(picked).toEqual(['Revenue grew by ten percent this quarter.', 'Costs fell sharply in Europe.']);
  });

  it('prefers a self-contained sentence over one that opens with a pronoun', () => {
    const text =
      'It extends cooling centre hours on alert days. Heat alerts extend cooling centre hours. Parks are green.';
    const picked = texts(summarizeSentences(splitSentences(text), { maxSentences: 1 }).sentences);
    expect(picked).toEqual(['Heat alerts extend cooling centre hours.']);
  });

  it('returns nothing for text without sentences', () => {
    expect(summarizeSentences(splitSentences('# Only a heading'))).toEqual({
      sentences: [],
      truncated: false,
    });
  });
});
