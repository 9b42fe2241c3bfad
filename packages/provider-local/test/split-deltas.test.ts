import { describe, expect, it } from 'vitest';
import { splitDeltas } from '../src/index.js';

describe('splitDeltas', () => {
  it.each([
    ['one two  three', ['one', ' two', '  three']],
    [' lead', [' lead']],
    ['', []],
  ])('splits %j', (text, expected) => {
    expect(splitDeltas(text)).toEqual(expected);
    expect(splitDeltas(text).join('')).toBe(text);
  });
});
