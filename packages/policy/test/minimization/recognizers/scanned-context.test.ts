import { describe, expect, it } from 'vitest';
import { contextTest, scannedContext } from '../../../src/minimization/recognizers/text-boundary.js';

const words = ['tel', 'tel.', 'phone', 'call', 'ruf', 'bel', 'bellen', 'tél.', 'text me'];
const registered = [...words];
scannedContext(registered);
/** Made after registration: reads the scan's recorded starts. */
const scanned = contextTest(registered);
/** Never registered: the regex over each window. */
const regex = contextTest([...words]);

const texts = [
  'Tel: 030 1234567, call me or ring the hotel',
  'hotel bellen\\ntel 555 and _call me, x-bel, TÉL. 01 23',
  'intel phone-call RUF an, text me at 5, text mecca',
  'İstanbul tel 0212 555 (the dotted İ makes the lower-cased text longer)',
  'tel',
  '\\ncall 123 4567 \\tTel 42 \\rbel',
];

describe('contextTest over the scan’s recorded starts', () => {
  it('answers exactly what the regex over each window answers, for every window', () => {
    for (const text of texts)
      for (let from = -3; from <= text.length + 1; from++)
        for (let to = from; to <= text.length + 3; to += 1)
          expect([text, from, to, scanned(text, from, to)]).toEqual([text, from, to, regex(text, from, to)]);
  });

  it('finds context words at word starts only', () => {
    expect(scanned('call me', 0, 7)).toBe(true);
    expect(scanned('the hotel', 0, 9)).toBe(false);
    expect(scanned('Tel. 42', 0, 7)).toBe(true);
    expect(scanned('telling', 0, 7)).toBe(false);
  });
});
