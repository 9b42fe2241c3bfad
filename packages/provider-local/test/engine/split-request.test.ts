import { describe, expect, it } from 'vitest';
import { splitRequest } from '../../src/engine/split-request.js';

describe('splitRequest', () => {
  it.each([
    [
      'Summarize the following:\n\nText one. Text two.',
      'Summarize the following:',
      'Text one. Text two.',
      undefined,
    ],
    ['Summarize: Text one. Text two.', 'Summarize', 'Text one. Text two.', undefined],
    ['Context here. More.\n\nQuestion: Who won?', 'Who won?', 'Context here. More.', 'Who won?'],
    ['Summarize this:\n\nA. B.\n\nWhy?', 'Summarize this:', 'A. B.', 'Why?'],
    ['What is the refund policy?', 'What is the refund policy?', '', 'What is the refund policy?'],
    ['Just a statement.', 'Just a statement.', '', undefined],
  ])('%j', (request, instruction, content, question) => {
    expect(splitRequest(request)).toEqual({ instruction, content, question });
  });
});
