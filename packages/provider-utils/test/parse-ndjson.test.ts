import { ProviderUnavailableError } from '@baton/core/contracts';
import { describe, expect, it } from 'vitest';
import { parseNdjson } from '../src/parse-ndjson.js';

const encoder = new TextEncoder();

async function collect(chunks: string[]): Promise<unknown[]> {
  async function* source() {
    for (const chunk of chunks) yield encoder.encode(chunk);
  }
  const values: unknown[] = [];
  for await (const value of parseNdjson(source(), { provider: 'ollama' })) values.push(value);
  return values;
}

describe('parseNdjson', () => {
  it.each<[string, string[], unknown[]]>([
    ['one per line', ['{"a":1}\n{"a":2}\n'], [{ a: 1 }, { a: 2 }]],
    ['split across chunks', ['{"a":', '1}\n{"b"', ':2}\n'], [{ a: 1 }, { b: 2 }]],
    ['blank lines skipped', ['\n{"a":1}\n\n  \n{"a":2}\n'], [{ a: 1 }, { a: 2 }]],
    ['CRLF', ['{"a":1}\r\n{"a":2}\r\n'], [{ a: 1 }, { a: 2 }]],
    ['final line without newline', ['{"a":1}\n{"a":2}'], [{ a: 1 }, { a: 2 }]],
    ['multibyte split', ['{"t":"', '\u00e9"}\n'], [{ t: 'é' }]],
  ])('%s', async (_name, chunks, expected) => {
    expect(await collect(chunks)).toEqual(expected);
  });

  it('multibyte character split across byte chunks', async () => {
    const bytes = encoder.encode('{"t":"世"}\n');
    async function* source() {
      for (const byte of bytes) yield Uint8Array.of(byte);
    }
    const values: unknown[] = [];
    for await (const value of parseNdjson(source())) values.push(value);
    expect(values).toEqual([{ t: '世' }]);
  });

  it('throws a non-retryable ProviderUnavailableError naming the malformed line', async () => {
    const error = await collect(['{"a":1}\n', '{"a": oops}\n']).catch((e: unknown) => e);
    expect(ProviderUnavailableError.isInstance(error)).toBe(true);
    expect((error as ProviderUnavailableError).retryable).toBe(false);
    expect((error as Error).message).toContain('line 2');
    expect((error as Error).message).toContain('{"a": oops}');
  });
});
