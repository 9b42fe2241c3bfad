import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DIGIT_SETS,
  digitRunsOf,
  longestDigitChain,
  matchesAt,
  mostDotsInARun,
  scanOf,
  triggerFamily,
} from '../../../src/minimization/recognizers/text-scan.js';

const ANYWHERE = ['secret', 'geb', 'né', 'str.', 'my name is', 'ab', 'abc', 'straße', 'c/'];
const WORD_START = ['st', 'dr', 'mr', 'kunde', 'klammeraffe', 'at'];
const EXACT = ['sk-', 'AKIA', 'SK', 'eyJ', 'hooks.slack.com', 'M.'];
const anywhere = triggerFamily({ anywhere: ANYWHERE });
const wordStart = triggerFamily({ wordStart: WORD_START });
const exact = triggerFamily({ anywhere: EXACT, caseSensitive: true });

/** Characters that exercise folding: ASCII, Latin-1, İ (lower case of two units), Kelvin sign, ẞ, digits, punctuation. */
const ALPHABET = [
  ...'abcdegiklmnrstySKAIJMDRBC.- /_19',
  'é',
  'É',
  'ß',
  'ẞ',
  'İ',
  '\u212a',
  '\u00a0',
  '(',
  '+',
  '\n',
  '@',
];
const text = fc
  .array(fc.oneof(fc.constantFrom(...ALPHABET), fc.constantFrom(...ANYWHERE, ...WORD_START, ...EXACT)), {
    maxLength: 40,
  })
  .map((parts) => parts.join(''));

function lowerUnit(c: string): string | undefined {
  const lower = c.toLowerCase();
  return lower.length === 1 ? lower : undefined;
}

/** Starts of `words` in `s`, by brute force. */
function bruteStarts(
  s: string,
  words: readonly string[],
  mode: 'anywhere' | 'wordStart' | 'exact',
): number[] {
  const out: number[] = [];
  for (let p = 0; p < s.length; p++) {
    if (mode === 'wordStart' && p > 0 && /[A-Za-z0-9_]/.test(s[p - 1]!)) continue;
    const hit = words.some((w) =>
      mode === 'exact'
        ? s.startsWith(w, p)
        : p + w.length <= s.length && [...w].every((ch, j) => lowerUnit(s[p + j]!) === ch),
    );
    if (hit) out.push(p);
  }
  return out;
}

const recorded = (s: string, id: number) => [...scanOf(s).positions[id]!.subarray(0, scanOf(s).counts[id])];

describe('scanOf: trigger words', () => {
  it('records exactly the starts of every family, folded, at word starts or case-sensitive', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(recorded(s, anywhere.id)).toEqual(bruteStarts(s, ANYWHERE, 'anywhere'));
        expect(recorded(s, wordStart.id)).toEqual(bruteStarts(s, WORD_START, 'wordStart'));
        expect(recorded(s, exact.id)).toEqual(bruteStarts(s, EXACT, 'exact'));
      }),
      { numRuns: 2000 },
    );
  });

  it('folds like toLowerCase: the Kelvin sign and ẞ match, İ does not', () => {
    expect(recorded('\u212aunde', wordStart.id)).toEqual([0]);
    expect(recorded('STRAẞE', anywhere.id)).toEqual([0]);
    expect(recorded('SECRET İSECRET', anywhere.id)).toEqual([0, 8]);
    expect(recorded('xkunde _kunde 1kunde -kunde', wordStart.id)).toEqual([22]);
  });

  it('folds every code unit whose lower case is a word character, and no other', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      const lower = ch.toLowerCase();
      expect(recorded(`${ch}unde`, wordStart.id).length === 1, ch).toBe(lower === 'k');
      expect(recorded(`n${ch}`, anywhere.id).length === 1, ch).toBe(lower === 'é');
    }
  });

  it('gives a sticky regex every start a global scan finds (matchesAt = global exec)', () => {
    const global = /secret(?:_key)?|geb\.?|ab/gi;
    const sticky = new RegExp(global.source, 'iy');
    fc.assert(
      fc.property(text, (s) => {
        const expected: number[] = [];
        global.lastIndex = 0;
        for (let m = global.exec(s); m !== null; m = global.exec(s)) expected.push(m.index);
        const actual: number[] = [];
        matchesAt(s, s, anywhere, sticky, (m) => {
          actual.push(m.index);
          return m.index + m[0].length;
        });
        expect(actual).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('scanOf: digits and IBAN starts', () => {
  const digitText = fc
    .array(fc.constantFrom(...'0123456789 -./()+\t\u00a0\u2009\u202faZ_:,'), { maxLength: 60 })
    .map((parts) => parts.join(''));

  it('records every position of two ASCII letters followed by two digits', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...'aZq09 5-_é'), { maxLength: 30 }), (parts) => {
        const s = parts.join('');
        const expected = [...s.matchAll(/(?=[A-Za-z]{2}\d{2})/g)].map((m) => m.index);
        const scan = scanOf(s);
        expect([...scan.ibanStarts.subarray(0, scan.ibanCount)]).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['phone', DIGIT_SETS.phone, /[\d \t()./+-]+/g],
    ['digitSpaceDash', DIGIT_SETS.digitSpaceDash, /[\d -]+/g],
    ['ipv4', DIGIT_SETS.ipv4, /[\d./]+/g],
    ['dottedCard', DIGIT_SETS.dottedCard, /[\d.\u00a0\u2009\u202f]+/g],
  ] as const)('finds every maximal run of the %s set with enough digits', (_, set, runOf) => {
    fc.assert(
      fc.property(digitText, fc.integer({ min: 4, max: 9 }), (s, minDigits) => {
        const expected = [...s.matchAll(runOf)]
          .filter((m) => (m[0].match(/\d/g)?.length ?? 0) >= minDigits)
          .map((m) => [m.index, m.index + m[0].length]);
        const actual: number[][] = [];
        digitRunsOf(s, set, minDigits, (start, end) => actual.push([start, end]));
        expect(actual).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('counts the most dots in one digit run (the IPv4 prefilter)', () => {
    fc.assert(
      fc.property(digitText, (s) => {
        const expected = Math.max(
          0,
          ...[...s.matchAll(/[\d \t()./+\-\u00a0\u2009\u202f]+/g)]
            .filter((m) => (m[0].match(/\d/g)?.length ?? 0) >= 4)
            .map((m) => m[0].split('.').length - 1),
        );
        expect(mostDotsInARun(s)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('measures the longest digit chain as the per-character count did (exactly from 4 digits up)', () => {
    /** The previous one-pass count, kept here as the reference. */
    function reference(s: string): number {
      let run = 0;
      let best = 0;
      let separators = 0;
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c >= 48 && c <= 57) {
          run++;
          separators = 0;
          if (run > best) best = run;
        } else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
          run = 0;
          separators = 0;
        } else if ([32, 45, 46, 47, 40, 41, 9, 0xa0, 0x2009, 0x202f].includes(c)) {
          if (++separators > 2) run = 0;
        } else {
          run = 0;
          separators = 0;
        }
      }
      return best;
    }
    fc.assert(
      fc.property(digitText, (s) => {
        const expected = reference(s);
        if (expected >= 4) expect(longestDigitChain(s)).toBe(expected);
        else expect(longestDigitChain(s)).toBeLessThan(4);
      }),
      { numRuns: 3000 },
    );
  });
});
