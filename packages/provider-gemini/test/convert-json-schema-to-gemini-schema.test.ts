import { describe, expect, it } from 'vitest';
import { convertJsonSchemaToGeminiSchema } from '../src/convert-json-schema-to-gemini-schema.js';

describe('convertJsonSchemaToGeminiSchema', () => {
  it('keeps documented fields and drops the rest', () => {
    expect(
      convertJsonSchemaToGeminiSchema({
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        properties: {
          city: { type: 'string', description: 'City', minLength: 1 },
          unit: { const: 'celsius' },
          tags: { type: 'array', items: { type: 'string' }, maxItems: 3 },
        },
        required: ['city'],
        additionalProperties: false,
      }),
    ).toEqual({
      type: 'object',
      properties: {
        city: { type: 'string', description: 'City', minLength: 1 },
        unit: { type: 'string', enum: ['celsius'] },
        tags: { type: 'array', items: { type: 'string' }, maxItems: 3 },
      },
      required: ['city'],
    });
  });

  it('turns null unions into nullable', () => {
    expect(convertJsonSchemaToGeminiSchema({ type: ['string', 'null'] })).toEqual({
      type: 'string',
      nullable: true,
    });
    expect(convertJsonSchemaToGeminiSchema({ anyOf: [{ type: 'number' }, { type: 'null' }] })).toEqual({
      type: 'number',
      nullable: true,
    });
    expect(convertJsonSchemaToGeminiSchema({ anyOf: [{ type: 'number' }, { type: 'string' }] })).toEqual({
      anyOf: [{ type: 'number' }, { type: 'string' }],
    });
  });

  it('returns undefined for non-schemas', () => {
    expect(convertJsonSchemaToGeminiSchema(null)).toBeUndefined();
    expect(convertJsonSchemaToGeminiSchema([1])).toBeUndefined();
  });
});
