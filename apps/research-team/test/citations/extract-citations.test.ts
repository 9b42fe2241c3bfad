import { describe, expect, it } from 'vitest';
import { extractCitations } from '../../src/index.js';

const known = new Set(['d01-charter', 'd06-attendance', 'd25-evaluation']);

describe('extractCitations', () => {
  it.each([
    ['no citations', 'Nothing cited here.', []],
    ['one citation', 'Visits fell 28% [d25-evaluation].', ['d25-evaluation']],
    [
      'order of first appearance',
      'A [d06-attendance]. B [d01-charter]. C [d06-attendance].',
      ['d06-attendance', 'd01-charter'],
    ],
    ['unknown ids dropped', 'A [d99-invented] B [d01-charter]', ['d01-charter']],
    ['placeholders are not citations', 'Call <PHONE_1> [EMAIL_1] [d01-charter]', ['d01-charter']],
    ['markdown links are not citations', '[d01-charter](http://x) and [see here]', ['d01-charter']],
    ['adjacent citations', 'Both [d01-charter][d25-evaluation].', ['d01-charter', 'd25-evaluation']],
    ['ids are exact', '[d01-charter-extra] [d01-charte]', []],
  ])('%s', (_case, text, expected) => {
    expect(extractCitations(text, known)).toEqual(expected);
  });

  it('accepts a map of known ids', () => {
    expect(extractCitations('x [d01-charter]', new Map([['d01-charter', 1]]))).toEqual(['d01-charter']);
  });
});
