import { describe, expect, it } from 'vitest';
import { splitCitedText } from '../../src/index.js';

describe('splitCitedText', () => {
  it.each([
    ['empty text', '', []],
    ['uncited text', 'Just text.', [{ source: undefined, text: 'Just text.' }]],
    [
      'runs attributed to the citation that follows them',
      'A. B. [d1] C. [d2]',
      [
        { source: 'd1', text: 'A. B.' },
        { source: 'd2', text: 'C.' },
      ],
    ],
    ['several citations: the first one', 'A. [d2][d3] ', [{ source: 'd2', text: 'A.' }]],
    ['citations with spaces between', 'A. [d2] [d3]', [{ source: 'd2', text: 'A.' }]],
    [
      'trailing uncited text',
      'A. [d1] D.',
      [
        { source: 'd1', text: 'A.' },
        { source: undefined, text: 'D.' },
      ],
    ],
    ['a citation with nothing before it', '[d1] A. [d2]', [{ source: 'd2', text: 'A.' }]],
    [
      'placeholders are not citations',
      'Call <PHONE_1> [EMAIL_1]. [d1]',
      [{ source: 'd1', text: 'Call <PHONE_1> [EMAIL_1].' }],
    ],
  ])('%s', (_case, text, expected) => {
    expect(splitCitedText(text)).toEqual(expected);
  });
});
