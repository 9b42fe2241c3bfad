import { describe, expect, it } from 'vitest';
import { fitNumber, fitString, formatFallback, resolveNode } from '../../src/engine/json-schema-utilities.js';

describe('resolveNode', () => {
  const root = {
    $defs: {
      Name: { type: 'string', minLength: 2 },
      Base: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
    },
  };
  it.each([
    [{ $ref: '#/$defs/Name' }, { type: 'string', minLength: 2 }],
    [
      { $ref: '#/$defs/Name', description: 'kept' },
      { type: 'string', minLength: 2, description: 'kept' },
    ],
    [{ anyOf: [{ type: 'null' }, { type: 'integer' }] }, { type: 'integer' }],
    [{ type: ['null', 'string'] }, { type: 'string' }],
    [
      { allOf: [{ $ref: '#/$defs/Base' }, { properties: { b: { type: 'number' } }, required: ['b'] }] },
      { type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } }, required: ['a', 'b'] },
    ],
    [{ $ref: '#/missing' }, {}],
  ])('%j', (node, expected) => {
    expect(resolveNode(node, root)).toEqual(expected);
  });

  it('stops on a self-referencing schema', () => {
    const loop = { $defs: { A: { $ref: '#/$defs/A' } } };
    expect(() => resolveNode({ $ref: '#/$defs/A' }, loop)).not.toThrow();
  });
});

describe('fitNumber', () => {
  it.each([
    [5, {}, false, 5],
    [5, { minimum: 10 }, false, 10],
    [50, { maximum: 10 }, false, 10],
    [0, { exclusiveMinimum: 0 }, true, 1],
    [10, { exclusiveMaximum: 10 }, true, 9],
    [2.6, {}, true, 3],
    [7, { multipleOf: 5 }, true, 5],
    [Number.NaN, {}, false, 0],
  ])('%d with %j (integer %s) → %d', (value, node, integer, expected) => {
    expect(fitNumber(value, node, integer)).toBe(expected);
  });
});

describe('fitString', () => {
  it.each([
    ['hello world', { maxLength: 5 }, [], 'hello'],
    ['ab', { minLength: 4 }, [], 'ab..'],
    ['', { minLength: 2 }, [], '--'],
    ['free text', { pattern: '^[A-Z]+-\\d+$' }, ['nope', 'INV-20'], 'INV-20'],
    ['free text', { pattern: '^[A-Z]+-\\d+$' }, [], 'free text'],
  ])('%j with %j', (value, node, candidates, expected) => {
    expect(fitString(value, node, candidates)).toBe(expected);
  });
});

describe('formatFallback', () => {
  it.each([
    ['email', 'unknown@example.com'],
    ['uri', 'https://example.com/'],
    ['date-time', '1970-01-01T00:00:00Z'],
    ['date', '1970-01-01'],
    ['uuid', '00000000-0000-4000-8000-000000000000'],
    ['unknown-format', undefined],
  ])('%s → %j', (format, expected) => {
    expect(formatFallback(format)).toBe(expected);
  });
});
