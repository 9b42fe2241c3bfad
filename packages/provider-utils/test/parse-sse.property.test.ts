import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSse, type SseEvent } from '../src/parse-sse.js';

const encoder = new TextEncoder();

// A field value: any text without line breaks (unicode included); data may be multi-line.
const value = fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => !/[\r\n]/.test(s));
const event = fc.record({
  event: fc.option(
    value.filter((s) => s.length > 0),
    { nil: undefined },
  ),
  lines: fc.array(value, { minLength: 1, maxLength: 3 }),
});
const newline = fc.constantFrom('\n', '\r\n', '\r');

describe('parseSse (property)', () => {
  it('any stream, cut into any chunks at any byte, parses to the events that were written', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { maxLength: 6 }),
        newline,
        fc.array(fc.nat(), { maxLength: 20 }),
        async (events, eol, cuts) => {
          const text = events
            .map(
              (e) =>
                `${e.event === undefined ? '' : `event: ${e.event}${eol}`}${e.lines.map((l) => `data: ${l}${eol}`).join('')}${eol}`,
            )
            .join(`: comment${eol}`);
          const bytes = encoder.encode(text);
          const points = [...new Set(cuts.map((c) => (bytes.length === 0 ? 0 : c % bytes.length)))].sort(
            (a, b) => a - b,
          );
          async function* chunks() {
            let at = 0;
            for (const point of [...points, bytes.length]) {
              yield bytes.slice(at, point);
              at = point;
            }
          }
          const parsed: SseEvent[] = [];
          for await (const e of parseSse(chunks())) parsed.push(e);
          const expected = events.map((e) => ({
            ...(e.event === undefined ? {} : { event: e.event }),
            data: e.lines.join('\n'),
          }));
          expect(parsed).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
