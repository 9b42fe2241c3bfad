import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CancelledError, ProviderUnavailableError, TimeoutError } from '@baton/core/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSse } from '../src/parse-sse.js';
import { closeHttpPools, postJson } from '../src/post-json.js';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

let server: Server;
let base: string;
const handlers = new Map<string, Handler>();
const seen: { path: string; headers: IncomingMessage['headers']; body: string; socket: number }[] = [];
const sockets = new WeakMap<object, number>();
let socketCount = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    let socketId = sockets.get(request.socket);
    if (socketId === undefined) {
      socketId = ++socketCount;
      sockets.set(request.socket, socketId);
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ path: request.url ?? '', headers: request.headers, body, socket: socketId });
      const handler = handlers.get(request.url?.split('?')[0] ?? '');
      if (handler) handler(request, body, response);
      else response.writeHead(404).end('not found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  handlers.set('/echo', (_request, body, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json', 'X-Request-Id': 'req_1' });
    response.end(JSON.stringify({ received: JSON.parse(body) }));
  });
  handlers.set('/error', (_request, _body, response) => {
    response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
    response.end('{"error":{"message":"slow down"}}');
  });
  handlers.set('/sse', (_request, _body, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write('data: one\n\n');
    setTimeout(() => response.end('data: two\n\n'), 5);
  });
  handlers.set('/cut', (_request, _body, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write('data: one\n\n');
    setTimeout(() => response.socket?.destroy(), 5);
  });
  handlers.set('/hang', () => {
    // never answers
  });
  handlers.set('/trickle', (_request, _body, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write('data: one\n\n');
    // then nothing: the body never ends
  });
  handlers.set('/text', (_request, _body, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('not json');
  });
});

afterAll(async () => {
  await closeHttpPools();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('postJson', () => {
  it('sends JSON with the given headers and returns lower-cased headers and the parsed body', async () => {
    const response = await postJson({
      url: `${base}/echo?x=1`,
      headers: { Authorization: 'Bearer k' },
      body: { a: 1 },
    });
    expect(response.status).toBe(200);
    expect(response.headers['x-request-id']).toBe('req_1');
    expect(await response.json()).toEqual({ received: { a: 1 } });
    const request = seen.at(-1)!;
    expect(request.path).toBe('/echo?x=1');
    expect(request.headers.authorization).toBe('Bearer k');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.body).toBe('{"a":1}');
  });

  it('sends a string body unchanged', async () => {
    const response = await postJson({ url: `${base}/echo`, body: '{"b": 2}' });
    await response.text();
    expect(seen.at(-1)!.body).toBe('{"b": 2}');
  });

  it('reuses one keep-alive connection per origin', async () => {
    for (let i = 0; i < 8; i++) await (await postJson({ url: `${base}/echo`, body: { i } })).text();
    const last = seen.slice(-8).map((request) => request.socket);
    // Sequential calls reuse pooled sockets instead of opening one per request.
    expect(new Set(last).size).toBeLessThanOrEqual(2);
  });

  it('does not throw on non-2xx', async () => {
    const response = await postJson({ url: `${base}/error`, body: {} });
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('1');
    expect(await response.json()).toEqual({ error: { message: 'slow down' } });
  });

  it('streams the body incrementally', async () => {
    const response = await postJson({ url: `${base}/sse`, body: {} });
    const data: string[] = [];
    for await (const event of parseSse(response.body)) data.push(event.data);
    expect(data).toEqual(['one', 'two']);
  });

  it('a body that is not JSON throws ProviderUnavailableError from json()', async () => {
    const response = await postJson({ url: `${base}/text`, body: {} });
    const error = await response.json().catch((e: unknown) => e);
    expect(ProviderUnavailableError.isInstance(error)).toBe(true);
  });

  it('a stream cut mid-way surfaces a retryable ProviderUnavailableError', async () => {
    const response = await postJson({ url: `${base}/cut`, body: {}, provider: 'test' });
    const data: string[] = [];
    const error = await (async () => {
      for await (const event of parseSse(response.body)) data.push(event.data);
    })().catch((e: unknown) => e);
    expect(data).toEqual(['one']);
    expect(ProviderUnavailableError.isInstance(error)).toBe(true);
    expect((error as ProviderUnavailableError).retryable).toBe(true);
  });

  it('connection refused → retryable ProviderUnavailableError', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const error = await postJson({ url: `http://127.0.0.1:${port}/x`, body: {} }).catch((e: unknown) => e);
    expect(ProviderUnavailableError.isInstance(error)).toBe(true);
    expect((error as ProviderUnavailableError).retryable).toBe(true);
  });

  it('the caller aborting before headers → CancelledError', async () => {
    const controller = new AbortController();
    const pending = postJson({ url: `${base}/hang`, body: {}, signal: controller.signal });
    controller.abort();
    expect(CancelledError.isInstance(await pending.catch((e: unknown) => e))).toBe(true);
  });

  it('the caller aborting mid-body → CancelledError', async () => {
    const controller = new AbortController();
    const response = await postJson({ url: `${base}/trickle`, body: {}, signal: controller.signal });
    const iterator = parseSse(response.body)[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual({ data: 'one' });
    const next = iterator.next();
    controller.abort();
    expect(CancelledError.isInstance(await next.catch((e: unknown) => e))).toBe(true);
  });

  it('an already-aborted signal rejects without sending', async () => {
    const before = seen.length;
    const error = await postJson({ url: `${base}/echo`, body: {}, signal: AbortSignal.abort() }).catch(
      (e: unknown) => e,
    );
    expect(CancelledError.isInstance(error)).toBe(true);
    expect(seen.length).toBe(before);
  });

  it('first-byte timeout → TimeoutError', async () => {
    const error = await postJson({ url: `${base}/hang`, body: {}, timeouts: { firstByteMs: 30 } }).catch(
      (e: unknown) => e,
    );
    expect(TimeoutError.isInstance(error)).toBe(true);
  });

  it('total timeout while streaming → TimeoutError', async () => {
    const response = await postJson({ url: `${base}/trickle`, body: {}, timeouts: { totalMs: 50 } });
    const error = await (async () => {
      for await (const _ of response.body) {
        // drain
      }
    })().catch((e: unknown) => e);
    expect(TimeoutError.isInstance(error)).toBe(true);
  });

  it('uses an injected fetch instead of undici', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const response = await postJson({
      url: 'https://api.example.test/v1/x',
      headers: { 'X-Key': 'k' },
      body: { a: 1 },
      fetch: async (url, init) => {
        calls.push({ url, init });
        return new Response('{"ok":true}', { status: 201, headers: { 'X-Thing': 'y' } });
      },
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('https://api.example.test/v1/x');
    expect(calls[0]!.init.method).toBe('POST');
    expect(calls[0]!.init.body).toBe('{"a":1}');
    expect(calls[0]!.init.headers).toEqual({ 'x-key': 'k', 'content-type': 'application/json' });
    expect(response.status).toBe(201);
    expect(response.headers['x-thing']).toBe('y');
    expect(await response.json()).toEqual({ ok: true });
  });

  it('an injected fetch that rejects is mapped', async () => {
    const error = await postJson({
      url: 'https://api.example.test/v1/x',
      body: {},
      fetch: async () => {
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }),
        });
      },
    }).catch((e: unknown) => e);
    expect(ProviderUnavailableError.isInstance(error)).toBe(true);
  });
});
