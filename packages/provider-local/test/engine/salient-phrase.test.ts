import { describe, expect, it } from 'vitest';
import { salientPhrase } from '../../src/engine/salient-phrase.js';
import { stemTerm } from '../../src/text/stem-term.js';

describe('salientPhrase', () => {
  it.each([
    ['Search the notes for quarterly revenue targets', ['search', 'note'], 'quarterly revenue targets'],
    [
      'Can you please find documents about the 2024 pricing change?',
      ['search', 'document'],
      '2024 pricing change',
    ],
    ['Use the search_notes tool to look up onboarding steps, top 3', ['search', 'note'], 'onboarding steps'],
    ['I need you to look up the refund policy for me', [], 'refund policy'],
    ['Search', ['search'], 'Search'],
  ])('%j → %j', (request, toolTerms, expected) => {
    expect(salientPhrase(request, new Set(toolTerms.map(stemTerm)))).toBe(expected);
  });
});
