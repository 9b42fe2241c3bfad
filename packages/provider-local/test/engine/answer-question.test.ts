import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/engine/answer-question.js';
import { splitSentences } from '../../src/text/split-sentences.js';
import { SOURCED_CONTEXT } from '../__fixtures__/messages.js';

const context = splitSentences(SOURCED_CONTEXT);

describe('answerQuestion', () => {
  it.each([
    ['How often do encryption keys rotate?', 'Encryption keys rotate every 90 days.', 'doc-03'],
    ['How much does the Pro plan cost?', 'The Pro plan costs $20 per user per month.', 'doc-01'],
    ['Is there a discount for annual billing?', 'Annual billing gives a 15% discount.', 'doc-01'],
    ['Who do enterprise customers get?', 'Enterprise customers get a dedicated account manager.', 'doc-02'],
  ])('answers %j from the right sentence', (question, sentence, source) => {
    const [best] = answerQuestion(question, context);
    expect(best?.sentence).toMatchObject({ text: sentence, source });
  });

  it('returns nothing when no sentence shares a term with the question', () => {
    expect(answerQuestion('Who founded the company in Berlin?', context)).toEqual([]);
  });

  it('ranks by BM25: rarer matching terms weigh more', () => {
    const sentences = splitSentences('The plan is good. The plan is cheap. The refund policy lasts 30 days.');
    expect(answerQuestion('What is the refund plan?', sentences)[0]?.sentence.text).toBe(
      'The refund policy lasts 30 days.',
    );
  });
});
