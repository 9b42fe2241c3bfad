import { parseSse, postJson } from '@baton/provider-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonReply, sseReply } from '../../src/wire/wire-reply.js';
import { slowScenario, splitFragments, splitText, textScenario } from '../../src/wire/wire-scenario.js';
import { startWireServer, type WireServer } from '../../src/wire/wire-server.js';

let server: WireServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const echoRoute = {
  path: '/v1/echo',
  reply: (_request: unknown, scenario: { type: string; text?: string }) => jsonReply(200, { scenario }),
};

describe('startWireServer', () => {
  it('records method, path, query, lower-cased headers and the parsed body', async () => {
    server = await startWireServer({ routes: [echoRoute], scenarios: [textScenario('a')] });
    const response = await postJson({
      url: `${server.url}/v1/echo?alt=sse`,
      headers: { 'X-Api-Key': 'k' },
      body: { a: [1] },
    });
    await response.text();
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/echo',
      query: { alt: 'sse' },
      body: { a: [1] },
      rawBody: '{"a":[1]}',
    });
    expect(server.requests[0]!.headers['x-api-key']).toBe('k');
  });

  it('answers scripted scenarios in order, then `respond`, then a loud 400', async () => {
    server = await startWireServer({
      routes: [echoRoute],
      scenarios: [textScenario('first')],
      respond: (request) => ((request.body as { n: number }).n === 2 ? textScenario('responder') : undefined),
    });
    server.enqueue(textScenario('second'));
    const call = async (n: number) => {
      const response = await postJson({ url: `${server!.url}/v1/echo`, body: { n } });
      return {
        status: response.status,
        body: (await response.json()) as { scenario?: { text: string }; error?: { message: string } },
      };
    };
    expect((await call(0)).body.scenario?.text).toBe('first');
    expect(server.pending).toBe(1);
    expect((await call(1)).body.scenario?.text).toBe('second');
    expect((await call(2)).body.scenario?.text).toBe('responder');
    const unscripted = await call(3);
    expect(unscripted.status).toBe(400);
    expect(unscripted.body.error?.message).toContain('no scenario scripted for POST /v1/echo');
    expect(server.unscripted).toHaveLength(1);
  });

  it('answers 404 for unknown routes', async () => {
    server = await startWireServer({ routes: [echoRoute] });
    const response = await postJson({ url: `${server.url}/nope`, body: {} });
    expect(response.status).toBe(404);
    await response.text();
  });

  it('unwraps slow scenarios and streams chunks', async () => {
    server = await startWireServer({
      routes: [
        {
          path: '/s',
          reply: (_r, s) => sseReply([{ data: s.type }, { event: 'end', data: 'x' }], { chunkDelayMs: 5 }),
        },
      ],
      scenarios: [slowScenario(20, textScenario('t'))],
    });
    const response = await postJson({ url: `${server.url}/s`, body: {} });
    expect(response.headers['content-type']).toContain('text/event-stream');
    const events = [];
    for await (const event of parseSse(response.body)) events.push(event);
    expect(events).toEqual([{ data: 'text' }, { event: 'end', data: 'x' }]);
  });

  it('cut replies destroy the connection mid-body', async () => {
    server = await startWireServer({
      routes: [
        { path: '/c', reply: () => ({ status: 200, chunks: ['data: 1\n\n', 'data: 2\n\n'], cut: true }) },
      ],
      scenarios: [textScenario('t')],
    });
    const response = await postJson({ url: `${server.url}/c`, body: {} });
    const error = await response.text().catch((e: unknown) => e);
    expect((error as Error).name).toBe('ProviderUnavailableError');
  });

  it('reset forgets requests and scripts', async () => {
    server = await startWireServer({
      routes: [echoRoute],
      scenarios: [textScenario('a'), textScenario('b')],
    });
    await (await postJson({ url: `${server.url}/v1/echo`, body: {} })).text();
    server.reset();
    expect(server.requests).toHaveLength(0);
    expect(server.pending).toBe(0);
  });
});

describe('splitting helpers', () => {
  it.each([
    ['Hello there, world!', ['Hello ', 'there, ', 'world!']],
    ['  lead', ['  lead']],
    ['', ['']],
  ])('splitText(%j)', (text, parts) => {
    expect(splitText(text)).toEqual(parts);
    expect(splitText(text).join('')).toBe(text);
  });

  it('splitFragments keeps order and content', () => {
    expect(splitFragments('{"city":"Paris"}', 5)).toEqual(['{"cit', 'y":"P', 'aris"', '}']);
  });
});
