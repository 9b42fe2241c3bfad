import { describe, expect, it } from 'vitest';
import { collectJsonStrings, StringScratch } from '../../src/minimization/json-strings.js';
import { mapStrings } from '../../src/minimization/rehydrate.js';

function viaJson(value: unknown): string[] {
  const out: string[] = [];
  mapStrings(JSON.parse(JSON.stringify(value)), (s) => {
    out.push(s);
    return s;
  });
  return out;
}

describe('collectJsonStrings', () => {
  it('collects the same strings, in the same order, as parsing the JSON back', () => {
    const value = {
      model: 'm',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'hi "there"\n' }] },
        { role: 'tool', content: [{ output: { a: ['x', 1, null, true, { b: 'y' }], skipped: undefined } }] },
      ],
      maxOutputTokens: 16,
    };
    const out: string[] = [];
    const keys: string[] = [];
    expect(collectJsonStrings(value, out, keys)).toBe(true);
    expect(out).toEqual(viaJson(value));
    // `skipped` is undefined: JSON.stringify leaves its key out too.
    expect(keys).toEqual([
      'model',
      'messages',
      'role',
      'content',
      'type',
      'text',
      'role',
      'content',
      'output',
      'a',
      'b',
      'maxOutputTokens',
    ]);
  });

  it('gives up on values whose JSON is not their own fields', () => {
    expect(collectJsonStrings({ at: new Date(0) }, [])).toBe(false);
    expect(collectJsonStrings([{ toJSON: () => 'secret' }], [])).toBe(false);
    expect(collectJsonStrings({ m: new Map([['k', 'v']]) }, [])).toBe(false);
    expect(collectJsonStrings(Object.assign(Object.create(null), { a: 'b' }), [])).toBe(true);
  });
});

describe('StringScratch', () => {
  it('collects like an array and, once cleared, holds none of the strings it was given', () => {
    const scratch = new StringScratch();
    expect(collectJsonStrings({ a: 'ann@example.com', b: ['x', { c: 'y' }] }, scratch)).toBe(true);
    expect(scratch.items.slice(0, scratch.length)).toEqual(['ann@example.com', 'x', 'y']);
    scratch.clear();
    expect(scratch.length).toBe(0);
    expect(scratch.items).not.toContain('ann@example.com');
    scratch.push('z');
    expect(scratch.items.slice(0, scratch.length)).toEqual(['z']);
  });
});
