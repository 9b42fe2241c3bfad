import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '@baton/core';
import { describe, expect, it } from 'vitest';
import { defaultCorpusDir, loadCorpus } from '../../src/index.js';
import { seededSensitiveValues } from '../__fixtures__/seeded-sensitive-values.js';

function corpusDir(manifest: unknown, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'baton-corpus-'));
  writeFileSync(join(dir, 'manifest.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('the shipped corpus', () => {
  const corpus = loadCorpus(defaultCorpusDir);

  it('has 20 groups over at least 30 documents, each listed once', () => {
    expect(corpus.groups).toHaveLength(20);
    expect(corpus.documents.size).toBeGreaterThanOrEqual(30);
    const listed = corpus.groups.flatMap((g) => g.documents.map((d) => d.id));
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('has short documents (150 to 400 words) with a title line', () => {
    for (const document of corpus.documents.values()) {
      const text = readFileSync(document.path, 'utf8');
      const words = text.split(/\s+/).filter(Boolean).length;
      expect(words, document.id).toBeGreaterThanOrEqual(150);
      expect(words, document.id).toBeLessThanOrEqual(400);
      expect(document.title.length, document.id).toBeGreaterThan(5);
    }
  });

  it.each(seededSensitiveValues.map((s) => [s.dataClass, s.value, s.file]))(
    'plants the %s %s in %s',
    (_dataClass, value, file) => {
      expect(readFileSync(join(defaultCorpusDir, file), 'utf8')).toContain(value);
    },
  );
});

describe('loadCorpus', () => {
  const doc = '# A title\n\nSome text.\n';

  it('reads groups in manifest order with document ids from file names', () => {
    const dir = corpusDir(
      [
        { group: 'b', title: 'Group B', files: ['b-1.md'] },
        { group: 'a', title: 'Group A', files: ['a-1.md', 'a-2.md'] },
      ],
      { 'b-1.md': doc, 'a-1.md': '# First\nx', 'a-2.md': doc },
    );
    const corpus = loadCorpus(dir);
    expect(corpus.groups.map((g) => g.group)).toEqual(['b', 'a']);
    expect(corpus.group('a')?.documents.map((d) => [d.id, d.title])).toEqual([
      ['a-1', 'First'],
      ['a-2', 'A title'],
    ]);
    expect(corpus.group('missing')).toBeUndefined();
  });

  it.each([
    ['no manifest', undefined, /no corpus manifest/],
    ['malformed JSON', '[{', /not valid JSON/],
    ['an empty manifest', [], /invalid .*manifest\.json/],
    ['a bad group name', [{ group: '../etc', title: 't', files: ['a-1.md'] }], /0\.group: group names/],
    ['a path as a file', [{ group: 'a', title: 't', files: ['../a-1.md'] }], /0\.files\.0/],
    ['an unknown key', [{ group: 'a', title: 't', files: ['a-1.md'], extra: 1 }], /invalid/],
    ['a missing file', [{ group: 'a', title: 't', files: ['nope.md'] }], /nope\.md \(group a\) does not exist/],
    [
      'a duplicate group',
      [
        { group: 'a', title: 't', files: ['a-1.md'] },
        { group: 'a', title: 't', files: ['a-2.md'] },
      ],
      /group a is listed twice/,
    ],
    [
      'a file listed twice',
      [
        { group: 'a', title: 't', files: ['a-1.md'] },
        { group: 'b', title: 't', files: ['a-1.md'] },
      ],
      /a-1\.md is listed twice/,
    ],
    ['a document without a title', [{ group: 'a', title: 't', files: ['untitled.md'] }], /untitled\.md must start with a "# Title"/],
  ])('rejects %s with a ValidationError naming it', (_case, manifest, message) => {
    const dir =
      manifest === undefined
        ? mkdtempSync(join(tmpdir(), 'baton-corpus-'))
        : corpusDir(manifest, { 'a-1.md': doc, 'a-2.md': doc, 'untitled.md': 'no title\n' });
    let error: unknown;
    try {
      loadCorpus(dir);
    } catch (caught) {
      error = caught;
    }
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
  });
});
