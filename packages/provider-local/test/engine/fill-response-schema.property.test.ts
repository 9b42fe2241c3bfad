import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { generateResponse } from '../../src/engine/generate-response.js';
import { ARTICLE, SOURCED_CONTEXT, user } from '../__fixtures__/messages.js';

const names = fc.constantFrom(
  'summary',
  'answer',
  'label',
  'category',
  'keywords',
  'tags',
  'sources',
  'confidence',
  'title',
  'count',
  'score',
  'urgent',
  'items',
  'points',
  'sentiment',
  'language',
  'notes',
  'value',
  'x',
  'reason',
  'date',
  'id',
);
const leaf: fc.Arbitrary<z.ZodType> = fc.oneof(
  fc
    .record({ min: fc.integer({ min: 0, max: 5 }), extra: fc.integer({ min: 0, max: 300 }) })
    .map(({ min, extra }) =>
      z
        .string()
        .min(min)
        .max(min + extra + 1),
    ),
  fc
    .record({ min: fc.integer({ min: -10, max: 10 }), span: fc.integer({ min: 0, max: 100 }) })
    .map(({ min, span }) =>
      z
        .number()
        .min(min)
        .max(min + span),
    ),
  fc
    .record({ min: fc.integer({ min: -10, max: 10 }), span: fc.integer({ min: 0, max: 100 }) })
    .map(({ min, span }) =>
      z
        .int()
        .min(min)
        .max(min + span),
    ),
  fc.constant(z.boolean()),
  fc
    .uniqueArray(fc.constantFrom('billing', 'outage', 'account', 'positive', 'negative', 'other'), {
      minLength: 1,
      maxLength: 4,
    })
    .map((values) => z.enum(values as [string, ...string[]])),
  fc.constant(z.literal('fixed')),
  fc.constant(z.email()),
  fc.constant(z.iso.datetime()),
);
const field: fc.Arbitrary<z.ZodType> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc
      .record({ item: tie('node') as fc.Arbitrary<z.ZodType>, min: fc.integer({ min: 0, max: 3 }) })
      .map(({ item, min }) =>
        z
          .array(item)
          .min(min)
          .max(min + 4),
      ),
    fc
      .dictionary(names, tie('node') as fc.Arbitrary<z.ZodType>, { minKeys: 1, maxKeys: 4 })
      .map((shape) => z.object(shape)),
    fc
      .array(tie('node') as fc.Arbitrary<z.ZodType>, { minLength: 1, maxLength: 3 })
      .map((items) => z.tuple(items as [z.ZodType, ...z.ZodType[]])),
    (tie('node') as fc.Arbitrary<z.ZodType>).map((inner) => z.record(z.string(), inner)),
    fc
      .array(tie('node') as fc.Arbitrary<z.ZodType>, { minLength: 2, maxLength: 3 })
      .map((options) => z.union(options as [z.ZodType, z.ZodType])),
    (tie('node') as fc.Arbitrary<z.ZodType>).map((inner) => inner.nullable()),
    (tie('node') as fc.Arbitrary<z.ZodType>).map((inner) => inner.optional()),
  ),
})).node;
const schemaArbitrary = fc
  .dictionary(names, field, { minKeys: 1, maxKeys: 6 })
  .map((shape) => z.object(shape));
const prompts = fc.constantFrom(
  `Summarize: ${ARTICLE}`,
  `${SOURCED_CONTEXT}\n\nQuestion: How often do keys rotate?`,
  'Classify into: billing, outage, account\n\nMy card was charged twice.',
  'hello',
  '',
);

describe('structured output properties', () => {
  it('produces JSON that validates against any generated schema', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(schemaArbitrary, prompts, (schema, prompt) => {
        const jsonSchema = z.toJSONSchema(schema) as Record<string, unknown>;
        const result = generateResponse({
          messages: [user(prompt)],
          responseFormat: { type: 'json', schema: jsonSchema },
        });
        const part = result.content[0];
        const value: unknown = JSON.parse(part?.type === 'text' ? part.text : 'null');
        const parsed = schema.safeParse(value);
        expect(
          parsed.success,
          `${JSON.stringify(jsonSchema)}\n${JSON.stringify(value)}\n${JSON.stringify(parsed.error?.issues)}`,
        ).toBe(true);
      }),
      { numRuns: Number(process.env.RUNS ?? 150), seed: Number(process.env.SEED ?? 4242) },
    );
  });
});

describe('tool input properties', () => {
  it('fills tool inputs that validate against any generated input schema', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(schemaArbitrary, prompts, (schema, prompt) => {
        const inputSchema = z.toJSONSchema(schema) as Record<string, unknown>;
        const result = generateResponse({
          messages: [user(prompt)],
          tools: [{ name: 'do_it', description: 'Does it', inputSchema }],
          toolChoice: 'required',
        });
        const call = result.content[0];
        expect(call?.type).toBe('tool-call');
        const parsed = schema.safeParse(call?.type === 'tool-call' ? call.input : undefined);
        expect(
          parsed.success,
          `${JSON.stringify(inputSchema)}\n${JSON.stringify(call)}\n${JSON.stringify(parsed.error?.issues)}`,
        ).toBe(true);
      }),
      { numRuns: Number(process.env.RUNS ?? 150), seed: Number(process.env.SEED ?? 4242) },
    );
  });
});
