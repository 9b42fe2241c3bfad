import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/text/split-sentences.js';

const texts = (input: string) => splitSentences(input).map((sentence) => sentence.text);

describe('splitSentences', () => {
  it.each([
    ['One. Two! Three?', ['One.', 'Two!', 'Three?']],
    [
      'Dr. Smith met Mr. Jones at 3.5 km, e.g. near the U.S. border. Then they left.',
      ['Dr. Smith met Mr. Jones at 3.5 km, e.g. near the U.S. border.', 'Then they left.'],
    ],
    ['J. R. R. Tolkien wrote it. It sold well.', ['J. R. R. Tolkien wrote it.', 'It sold well.']],
    ['First line\ncontinues here. Second sentence.', ['First line continues here.', 'Second sentence.']],
    [
      'Intro:\n- item one\n- item two\n\nAfter the list.',
      ['Intro:', 'item one', 'item two', 'After the list.'],
    ],
    ['', []],
    ['...', []],
  ])('splits %j', (input, expected) => {
    expect(texts(input)).toEqual(expected);
  });

  it('carries [doc] markers as sources and marks headings', () => {
    const sentences = splitSentences(
      '[doc-01] Pricing\nPro costs $20. Teams pay less.\n\n[doc-02]\nSupport is 24/7.\n# Notes\nDone.',
    );
    expect(sentences).toEqual([
      { text: 'Pricing', source: 'doc-01', heading: true },
      { text: 'Pro costs $20.', source: 'doc-01', heading: false },
      { text: 'Teams pay less.', source: 'doc-01', heading: false },
      { text: 'Support is 24/7.', source: 'doc-02', heading: false },
      { text: 'Notes', source: 'doc-02', heading: true },
      { text: 'Done.', source: 'doc-02', heading: false },
    ]);
  });

  it('understands Source: lines and a default source', () => {
    expect(splitSentences('Source: report.md\nRevenue grew.').map((s) => s.source)).toEqual(['report.md']);
    expect(splitSentences('Revenue grew.', 'tool').map((s) => s.source)).toEqual(['tool']);
  });

  it('does not take an inline citation at the start of a sentence for a marker', () => {
    expect(texts('[doc-01], as shown, is old.')).toEqual(['[doc-01], as shown, is old.']);
  });
});
