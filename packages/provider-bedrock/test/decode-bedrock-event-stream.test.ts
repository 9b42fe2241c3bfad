import { ProviderUnavailableError } from '@baton/core/contracts';
import { bedrockEventFrame, bedrockExceptionFrame } from '@baton/testing';
import { describe, expect, it } from 'vitest';
import { decodeBedrockEventStream } from '../src/decode-bedrock-event-stream.js';

async function* chunks(...parts: Uint8Array[]) {
  yield* parts;
}
async function collect(body: AsyncIterable<Uint8Array>) {
  const out = [];
  for await (const message of decodeBedrockEventStream(body)) out.push(message);
  return out;
}
function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

describe('decodeBedrockEventStream', () => {
  const a = bedrockEventFrame('messageStart', { role: 'assistant' });
  const b = bedrockEventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'héllo' } });

  it('decodes frames split across chunks and several frames in one chunk', async () => {
    const all = concat(a, b);
    const pieces = [all.subarray(0, 3), all.subarray(3, a.length + 5), all.subarray(a.length + 5)];
    expect(await collect(chunks(...pieces))).toEqual([
      { messageType: 'event', type: 'messageStart', payload: { role: 'assistant' } },
      {
        messageType: 'event',
        type: 'contentBlockDelta',
        payload: { contentBlockIndex: 0, delta: { text: 'héllo' } },
      },
    ]);
    expect(await collect(chunks(all))).toHaveLength(2);
  });

  it('decodes exception frames', async () => {
    expect(await collect(chunks(bedrockExceptionFrame('throttlingException', 'slow down')))).toEqual([
      { messageType: 'exception', type: 'throttlingException', payload: { message: 'slow down' } },
    ]);
  });

  it('rejects a frame with a bad CRC', async () => {
    const corrupt = Uint8Array.from(b);
    corrupt[corrupt.length - 6] = corrupt[corrupt.length - 6]! ^ 0xff;
    const error = await collect(chunks(a, corrupt)).catch((e: unknown) => e);
    expect(ProviderUnavailableError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('corrupt event-stream frame');
  });

  it('rejects a stream that ends inside a frame', async () => {
    const error = await collect(chunks(a, b.subarray(0, 20))).catch((e: unknown) => e);
    expect(ProviderUnavailableError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('ended inside a frame');
  });

  it('rejects a payload that is not JSON', async () => {
    const error = await collect(chunks(bedrockEventFrame('contentBlockDelta', '{"delta":'))).catch(
      (e: unknown) => e,
    );
    expect(ProviderUnavailableError.isInstance(error)).toBe(true);
  });
});
