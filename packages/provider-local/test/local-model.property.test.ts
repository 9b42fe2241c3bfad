import { type ModelRequest, ModelRequestSchema, UsageSchema } from '@baton/core/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLocalModel } from '../src/index.js';
import { GET_WEATHER, READ_FILE, SEARCH_NOTES } from './__fixtures__/messages.js';

const words = fc.constantFrom(
  'Summarize',
  'Classify into: billing, outage, account.',
  'What',
  'is',
  'the',
  'refund',
  'policy?',
  'Paris',
  '[doc-01]',
  '"quoted phrase"',
  'docs/a.md',
  'ORD-1001',
  '42',
  '\n\n',
  'Question:',
  '{"source":"d1","text":"x."}',
  'weather',
  'notes',
  'search',
  '.',
  '!',
  'Dr.',
  'e.g.',
  'tl;dr',
  '東京',
  'Ünïcödé',
  '',
  '   ',
);
const text = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.array(words, { maxLength: 40 }).map((parts) => parts.join(' ')),
);

const requestArbitrary: fc.Arbitrary<ModelRequest> = fc
  .record({
    system: fc.option(text, { nil: undefined }),
    user: fc.array(text, { minLength: 0, maxLength: 3 }),
    tools: fc.subarray([SEARCH_NOTES, GET_WEATHER, READ_FILE]),
    toolChoice: fc.constantFrom(undefined, 'auto', 'none', 'required'),
    json: fc.boolean(),
    maxOutputTokens: fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined }),
  })
  .map(({ system, user, tools, toolChoice, json, maxOutputTokens }) => ({
    messages: [
      ...(system === undefined ? [] : [{ role: 'system' as const, content: system }]),
      ...user.map((value) => ({ role: 'user' as const, content: [{ type: 'text' as const, text: value }] })),
    ],
    ...(tools.length ? { tools } : {}),
    ...(toolChoice ? { toolChoice } : {}),
    ...(json ? { responseFormat: { type: 'json' as const } } : {}),
    ...(maxOutputTokens ? { maxOutputTokens } : {}),
  }));

describe('local model properties', () => {
  it('answers any well-formed request with a valid, deterministic result', async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary, async (request) => {
        expect(ModelRequestSchema.safeParse(request).success).toBe(true);
        const a = await createLocalModel().generate(request);
        const b = await createLocalModel().generate(request);
        expect(b).toEqual(a);
        expect(UsageSchema.safeParse(a.usage).success).toBe(true);
        const calls = a.content.filter((part) => part.type === 'tool-call');
        expect(a.finishReason.unified === 'tool-calls').toBe(calls.length > 0);
        for (const call of calls) expect(request.tools?.map((tool) => tool.name)).toContain(call.toolName);
        if (request.toolChoice === 'none') expect(calls).toEqual([]);
        if (request.responseFormat?.type === 'json' && calls.length === 0) {
          const part = a.content[0];
          expect(() => JSON.parse(part?.type === 'text' ? part.text : '')).not.toThrow();
        }
      }),
      { numRuns: 300, seed: 20261125 },
    );
  });
});
