import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RateLimitError } from '@baton/core/contracts';
import { expect, it } from 'vitest';
import { errorFromResponse, parseSse, postJson } from '../src/index.js';

it('the README example streams events and maps errors', async () => {
  let fail = false;
  const server = createServer((_request, response) => {
    if (fail) {
      response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '2' });
      response.end('{"error":{"message":"slow down"}}');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.end('data: {"n":1}\n\ndata: {"n":2}\n\ndata: [DONE]\n\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const headers = { authorization: 'Bearer test' };
  const body = { stream: true };
  const signal = undefined;
  const seen: unknown[] = [];
  const run = async () => {
    const response = await postJson({ url: `${baseURL}/v1/chat/completions`, headers, body, signal });
    if (response.status >= 300) {
      throw errorFromResponse({
        provider: 'openai',
        status: response.status,
        headers: response.headers,
        body: await response.json(),
      });
    }
    for await (const event of parseSse(response.body)) {
      if (event.data === '[DONE]') break;
      seen.push(JSON.parse(event.data));
    }
  };
  await run();
  expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
  fail = true;
  const error = await run().catch((e: unknown) => e);
  expect(RateLimitError.isInstance(error)).toBe(true);
  expect((error as RateLimitError).retryAfterMs).toBe(2000);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
