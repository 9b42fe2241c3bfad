import { describe, expect, it } from 'vitest';
import { contextTest, lowerOf } from '../../../src/minimization/recognizers/text-boundary.js';

describe('contextTest', () => {
  const near = contextTest(['tel', 'telephone', 'ab', 'ab1x', 'IBAN']);

  it.each([
    ['Tel: 555', 0, 4, true],
    ['telling 555', 0, 8, false], // short word must end at a boundary
    ['TELEPHONE 555', 0, 10, true],
    ['hotel 555', 0, 6, false], // must start at a boundary
    ['my iban: x', 0, 8, true], // context words are matched case-insensitively
    ['ab1y', 0, 4, true], // the longest word (`ab1x`) does not match, `ab` ends before a digit
    ['ab1x', 0, 4, true],
    ['abc', 0, 3, false],
    ['x tel', 2, 5, true], // window starts at the word
    ['xtel', 1, 4, false], // the letter before the window joins the word
    ['\\ntel 1', 2, 5, true], // a JSON escape before the word is not a letter
  ])('%j in [%i, %i) → %s', (text, from, to, expected) => {
    expect(near(text, from, to)).toBe(expected);
  });

  it('only looks inside the window', () => {
    expect(near('phone tel', 0, 5)).toBe(false);
    expect(near('phone tel', 6, 9)).toBe(true);
  });

  it('handles texts whose lower case changes length (İ)', () => {
    const text = 'İİ tel 555';
    expect(lowerOf(text).length).not.toBe(text.length);
    expect(near(text, 3, 6)).toBe(true);
    expect(near(text, 0, 3)).toBe(false);
  });

  it('finds a word that overlaps an earlier rejected one', () => {
    // `q..` starts at 0 but runs into a letter; `.zz` starts inside it, after a non-letter.
    expect(contextTest(['q..'])('q..zz', 0, 5)).toBe(false);
    expect(contextTest(['q..', '.zz'])('q..zz', 0, 5)).toBe(true);
  });
});
