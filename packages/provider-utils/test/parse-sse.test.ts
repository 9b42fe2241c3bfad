import { describe, expect, it } from 'vitest';
import { parseSse, type SseEvent } from '../src/parse-sse.js';

const encoder = new TextEncoder();

async function collect(chunks: (string | Uint8Array)[]): Promise<SseEvent[]> {
  async function* source() {
    for (const chunk of chunks) yield typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
  }
  const events: SseEvent[] = [];
  for await (const event of parseSse(source())) events.push(event);
  return events;
}

function bytewise(text: string): Uint8Array[] {
  return [...encoder.encode(text)].map((byte) => Uint8Array.of(byte));
}

describe('parseSse', () => {
  it.each<[string, string, SseEvent[]]>([
    ['one data event', 'data: hello\n\n', [{ data: 'hello' }]],
    ['named event', 'event: message_start\ndata: {"a":1}\n\n', [{ event: 'message_start', data: '{"a":1}' }]],
    ['multi-line data joined with LF', 'data: a\ndata: b\ndata:\n\n', [{ data: 'a\nb\n' }]],
    ['no space after colon', 'data:x\n\n', [{ data: 'x' }]],
    ['only one leading space stripped', 'data:  x\n\n', [{ data: ' x' }]],
    ['comments ignored', ': keep-alive\ndata: x\n: another\n\n', [{ data: 'x' }]],
    ['CRLF line endings', 'data: a\r\ndata: b\r\n\r\n', [{ data: 'a\nb' }]],
    ['CR line endings', 'data: a\rdata: b\r\r', [{ data: 'a\nb' }]],
    ['BOM dropped', '\uFEFFdata: x\n\n', [{ data: 'x' }]],
    ['event without data not dispatched', 'event: ping\n\ndata: x\n\n', [{ data: 'x' }]],
    [
      'event type resets after dispatch',
      'event: a\ndata: 1\n\ndata: 2\n\n',
      [{ event: 'a', data: '1' }, { data: '2' }],
    ],
    [
      'id persists',
      'id: 7\ndata: 1\n\ndata: 2\n\n',
      [
        { id: '7', data: '1' },
        { id: '7', data: '2' },
      ],
    ],
    ['retry field', 'retry: 1500\ndata: 1\n\n', [{ retry: 1500, data: '1' }]],
    ['invalid retry ignored', 'retry: soon\ndata: 1\n\n', [{ data: '1' }]],
    ['field without colon', 'data\n\n', [{ data: '' }]],
    ['unknown field ignored', 'foo: bar\ndata: 1\n\n', [{ data: '1' }]],
    ['unterminated final event discarded', 'data: 1\n\ndata: 2', [{ data: '1' }]],
    ['[DONE] passed through', 'data: {"x":1}\n\ndata: [DONE]\n\n', [{ data: '{"x":1}' }, { data: '[DONE]' }]],
    ['unicode', 'data: héllo → 世界 🎉\n\n', [{ data: 'héllo → 世界 🎉' }]],
  ])('%s', async (_name, input, expected) => {
    expect(await collect([input])).toEqual(expected);
    // The same stream fed one byte at a time (splitting CRLF and multibyte characters).
    expect(await collect(bytewise(input))).toEqual(expected);
  });

  it('handles a CRLF split exactly between chunks without inventing a blank line', async () => {
    expect(await collect(['data: a\r', '\ndata: b\r', '\n\r', '\n'])).toEqual([{ data: 'a\nb' }]);
  });

  it('decodes a 4-byte character split across three chunks', async () => {
    const bytes = encoder.encode('data: 🎉\n\n');
    const emoji = 6; // after "data: "
    const chunks = [bytes.slice(0, emoji + 1), bytes.slice(emoji + 1, emoji + 3), bytes.slice(emoji + 3)];
    expect(await collect(chunks)).toEqual([{ data: '🎉' }]);
  });

  it('parses a realistic OpenAI stream in random chunkings identically', async () => {
    const text = [
      'data: {"id":"chatcmpl-1","choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}',
      '',
      'data: {"id":"chatcmpl-1","choices":[{"index":0,"delta":{"content":"Hi ✓"}}]}',
      '',
      ': ping',
      '',
      'data: [DONE]',
      '',
      '',
    ].join('\n');
    const whole = await collect([text]);
    expect(whole).toHaveLength(3);
    const bytes = encoder.encode(text);
    let seed = 42;
    for (let round = 0; round < 50; round++) {
      const chunks: Uint8Array[] = [];
      let at = 0;
      while (at < bytes.length) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        const size = 1 + (seed % 17);
        chunks.push(bytes.slice(at, at + size));
        at += size;
      }
      expect(await collect(chunks)).toEqual(whole);
    }
  });

  it('reads a WHATWG ReadableStream', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('data: a\n'));
        controller.enqueue(encoder.encode('\n'));
        controller.close();
      },
    });
    const events: SseEvent[] = [];
    for await (const event of parseSse(stream)) events.push(event);
    expect(events).toEqual([{ data: 'a' }]);
  });
});
