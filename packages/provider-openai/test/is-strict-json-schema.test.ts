import { describe, expect, it } from 'vitest';
import { isStrictJsonSchema } from '../src/is-strict-json-schema.js';

const closed = (properties: Record<string, unknown>) => ({
  type: 'object',
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});

describe('isStrictJsonSchema', () => {
  it.each<[string, unknown, boolean]>([
    ['closed object', closed({ a: { type: 'string' } }), true],
    ['open object', { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, false],
    [
      'optional property',
      { type: 'object', properties: { a: { type: 'string' } }, required: [], additionalProperties: false },
      false,
    ],
    ['nested open object', closed({ inner: { type: 'object', properties: {} } }), false],
    ['nested closed object', closed({ inner: closed({ b: { type: 'number' } }) }), true],
    [
      'array of open objects',
      closed({ list: { type: 'array', items: { type: 'object', properties: { x: {} } } } }),
      false,
    ],
    [
      'array of closed objects',
      closed({ list: { type: 'array', items: closed({ x: { type: 'string' } }) } }),
      true,
    ],
    [
      'anyOf branch open',
      closed({ u: { anyOf: [{ type: 'string' }, { type: 'object', properties: {} }] } }),
      false,
    ],
    [
      '$defs open',
      { ...closed({ a: { $ref: '#/$defs/A' } }), $defs: { A: { type: 'object', properties: {} } } },
      false,
    ],
    [
      'nullable object type',
      { type: ['object', 'null'], properties: {}, required: [], additionalProperties: false },
      true,
    ],
    ['scalar', { type: 'string' }, true],
  ])('%s → %s', (_name, schema, expected) => {
    expect(isStrictJsonSchema(schema)).toBe(expected);
  });
});
