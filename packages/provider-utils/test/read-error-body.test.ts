import { ProviderUnavailableError } from '@baton/core/contracts';
import { describe, expect, it } from 'vitest';
import { expectOk, type HttpResponse, readErrorBody, rejectFirstErrorPart } from '../src/index.js';

describe('readErrorBody', () => {
  it.each([
    ['{"error":{"message":"bad"}}', { error: { message: 'bad' } }],
    ['upstream connect error', 'upstream connect error'],
    ['', ''],
  ])('reads %j', async (text, expected) => {
    expect(await readErrorBody({ text: async () => text })).toEqual(expected);
  });

  it('gives an empty body when the text cannot be read', async () => {
    expect(await readErrorBody({ text: () => Promise.reject(new Error('socket closed')) })).toBe('');
  });
});

describe('expectOk', () => {
  const response = (status: number, text: string): HttpResponse => ({
    status,
    headers: { 'x-request-id': 'r1' },
    body: (async function* () {})(),
    json: async () => JSON.parse(text),
    text: async () => text,
  });

  it('returns a 2xx response as it is', async () => {
    const ok = response(204, '');
    expect(await expectOk(ok, () => new Error('unexpected'))).toBe(ok);
  });

  it("throws the mapper's error with the failure's status, headers and parsed body", async () => {
    const seen: unknown[] = [];
    const failure = expectOk(response(429, '{"error":"slow down"}'), (failed) => {
      seen.push(failed);
      return new Error(`status ${failed.status}`);
    });
    await expect(failure).rejects.toThrow('status 429');
    expect(seen).toEqual([{ status: 429, headers: { 'x-request-id': 'r1' }, body: { error: 'slow down' } }]);
  });
});

describe('rejectFirstErrorPart', () => {
  async function* parts(
    ...items: Parameters<typeof rejectFirstErrorPart>[0] extends AsyncIterable<infer P> ? P[] : never
  ) {
    for (const item of items) yield item;
  }

  it('throws an error that comes first', async () => {
    const error = new ProviderUnavailableError('overloaded');
    const stream = rejectFirstErrorPart(parts({ type: 'error', error }));
    await expect(stream.next()).rejects.toBe(error);
  });

  it('passes a later error through as a part', async () => {
    const error = new ProviderUnavailableError('cut');
    const seen = [];
    for await (const part of rejectFirstErrorPart(
      parts({ type: 'text-delta', delta: 'hi' }, { type: 'error', error }),
    )) {
      seen.push(part.type);
    }
    expect(seen).toEqual(['text-delta', 'error']);
  });
});
