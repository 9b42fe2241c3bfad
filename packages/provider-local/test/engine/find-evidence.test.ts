import { describe, expect, it } from 'vitest';
import { findEvidence } from '../../src/engine/find-evidence.js';

describe('findEvidence', () => {
  it('finds every kind of value in one request', () => {
    const evidence = findEvidence(
      'Email "Q3 report" to ann@example.com, read docs/q3.md and https://example.com/a?b=1, ticket INV-2093 from 2026-11-02, top 5 in Paris.',
    );
    expect(evidence).toEqual({
      quoted: ['Q3 report'],
      urls: ['https://example.com/a?b=1'],
      emails: ['ann@example.com'],
      paths: ['docs/q3.md'],
      ids: ['Q3', 'INV-2093'],
      dates: ['2026-11-02'],
      numbers: [5],
      expressions: [],
      names: ['Paris'],
    });
  });

  it.each([
    ['Calculate 17 * 23 please', ['17 * 23']],
    ['what is (2 + 3) / 4?', ['(2 + 3) / 4']],
    ['order A-1001 on 2026-01-02', []],
  ])('expressions in %j', (text, expressions) => {
    expect(findEvidence(text).expressions).toEqual(expressions);
  });

  it('drops the # of an id', () => {
    expect(findEvidence('Where is my order #12345?').ids).toEqual(['12345']);
  });

  it.each([
    ["don't split on apostrophes, it's fine", []],
    ["use 'single quotes' too", ['single quotes']],
    ['and `code` and “curly”', ['code', 'curly']],
  ])('quotes in %j', (text, quoted) => {
    expect(findEvidence(text).quoted).toEqual(quoted);
  });

  it.each([
    ['report.pdf', ['report.pdf']],
    ['./src/index.ts and ~/notes/todo.txt.', ['./src/index.ts', '~/notes/todo.txt']],
    ['no path here. Really.', []],
  ])('paths in %j', (text, paths) => {
    expect(findEvidence(text).paths).toEqual(paths);
  });
});
