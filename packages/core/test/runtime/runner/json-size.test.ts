import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonSize } from '../../../src/runtime/runner/json-size.js';

function nativeSize(value: unknown): { chars: number; bytes: number } {
  const text: string | undefined = JSON.stringify(value);
  return text === undefined ? { chars: 0, bytes: 0 } : { chars: text.length, bytes: Buffer.byteLength(text) };
}

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

const nullProto = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1, 'b"': 'x' });
const sparse: unknown[] = [1];
sparse[2] = 3;
const withInherited = Object.create({ inherited: 'skip me' }) as Record<string, unknown>;
withInherited.own = 'keep';
const withSymbol = { [Symbol('s')]: 1, kept: true };

describe('jsonSize', () => {
  it.each<[string, unknown]>([
    [
      'a model request',
      { messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], maxOutputTokens: 16 },
    ],
    ['empty object and array', { a: {}, b: [] }],
    ['quotes, backslashes and control characters', { 'k"\\': 'a"b\\c\n\t\u0001' }],
    ['non-ASCII text', { text: 'café, 東京, 😀' }],
    ['lone surrogates', ['\ud800', 'a\udc00b', '\udc00\ud800']],
    ['undefined, functions and symbols in objects', { a: undefined, b: () => 1, c: Symbol('x'), d: 1 }],
    ['undefined, functions and symbols in arrays', [undefined, () => 1, Symbol('x'), 1]],
    ['a sparse array', sparse],
    [
      'non-finite numbers and negative zero',
      [Number.NaN, Number.POSITIVE_INFINITY, -0, 1e21, 1.5e-7, -12.25],
    ],
    ['booleans and null', [true, false, null]],
    ['a Date (toJSON)', { at: new Date(0) }],
    ['an object with its own toJSON', { v: { toJSON: () => ({ replaced: 'yes' }) } }],
    ['a class instance', { p: new Point(1, 2) }],
    ['a null-prototype object', nullProto],
    ['inherited enumerable properties', withInherited],
    ['symbol keys', withSymbol],
    ['integer-like keys', { b: 1, 2: 'two', 1: 'one', a: 2 }],
    ['boxed primitives', [new String('s'), new Number(3), new Boolean(false)]],
    ['a Map', { m: new Map([[1, 2]]) }],
    ['a string alone', 'plain'],
    ['undefined alone', undefined],
  ])('matches JSON.stringify for %s', (_name, value) => {
    expect(jsonSize(value)).toEqual(nativeSize(value));
  });

  it('matches JSON.stringify for arbitrary JSON-like values', () => {
    fc.assert(
      fc.property(
        fc.anything({ withBoxedValues: true, withNullPrototype: true, withSparseArray: true }),
        (value) => {
          let expected: { chars: number; bytes: number } | Error;
          try {
            expected = nativeSize(value);
          } catch (error) {
            expected = error as Error;
          }
          if (expected instanceof Error) expect(() => jsonSize(value)).toThrow(TypeError);
          else expect(jsonSize(value)).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('matches JSON.stringify for arbitrary strings (full Unicode and lone surrogates)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
        (a, b) => {
          const value = { [a]: b, list: [a, b] };
          expect(jsonSize(value)).toEqual(nativeSize(value));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('throws like JSON.stringify on cycles and bigints', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => jsonSize(cyclic)).toThrow(TypeError);
    expect(() => jsonSize({ n: 1n })).toThrow(TypeError);
  });
});
