import {
  BEDROCK_TEST_CREDENTIALS,
  startAnthropicWireServer,
  startBedrockWireServer,
  startGeminiWireServer,
  textScenario,
} from '@baton/testing';
import { describe, expect, it } from 'vitest';
import { Sha256, SignatureV4 } from '../../src/wire/load-aws-modules.js';

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('Anthropic wire server', () => {
  it('rejects what the API rejects: no x-api-key, no anthropic-version, no max_tokens', async () => {
    const server = await startAnthropicWireServer({ respond: () => textScenario('ok') });
    const body = { model: 'claude-x', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] };
    const noKey = await post(`${server.url}/v1/messages`, body, { 'anthropic-version': '2023-06-01' });
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    const noVersion = await post(`${server.url}/v1/messages`, body, { 'x-api-key': 'k' });
    expect(noVersion.status).toBe(400);
    const noMax = await post(
      `${server.url}/v1/messages`,
      { ...body, max_tokens: undefined },
      { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
    );
    expect(await noMax.json()).toMatchObject({
      error: { type: 'invalid_request_error', message: 'max_tokens: Field required' },
    });
    const ok = await post(`${server.url}/v1/messages`, body, {
      'x-api-key': 'k',
      'anthropic-version': '2023-06-01',
    });
    expect(await ok.json()).toMatchObject({
      type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text: 'ok' }],
      stop_reason: 'end_turn',
    });
    expect(ok.headers.get('request-id')).toMatch(/^req_/);
    await server.close();
  });
});

describe('Gemini wire server', () => {
  it('requires an API key and alt=sse for streaming, and answers on /v1beta and bare paths', async () => {
    const server = await startGeminiWireServer({ respond: () => textScenario('ok') });
    const body = { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] };
    const noKey = await post(`${server.url}/v1beta/models/gemini-2.5-flash:generateContent`, body);
    expect(noKey.status).toBe(403);
    expect(await noKey.json()).toMatchObject({ error: { code: 403, status: 'PERMISSION_DENIED' } });
    const noSse = await post(`${server.url}/v1beta/models/gemini-2.5-flash:streamGenerateContent`, body, {
      'x-goog-api-key': 'k',
    });
    expect(noSse.status).toBe(400);
    const ok = await post(`${server.url}/v1beta/models/gemini-2.5-flash:generateContent`, body, {
      'x-goog-api-key': 'k',
    });
    expect(await ok.json()).toMatchObject({
      candidates: [{ content: { role: 'model', parts: [{ text: 'ok' }] }, finishReason: 'STOP' }],
      modelVersion: 'gemini-2.5-flash',
    });
    const streamed = await post(`${server.url}/models/gemini-2.5-flash:streamGenerateContent?alt=sse`, body, {
      'x-goog-api-key': 'k',
    });
    expect(streamed.headers.get('content-type')).toBe('text/event-stream');
    expect(await streamed.text()).toMatch(/^data: \{.*\}\r\n\r\n$/s);
    await server.close();
  });
});

describe('Bedrock wire server', () => {
  const signed = async (url: string, body: string) => {
    const target = new URL(url);
    const signer = new SignatureV4({
      service: 'bedrock',
      region: 'us-east-1',
      credentials: BEDROCK_TEST_CREDENTIALS,
      sha256: Sha256,
    });
    const request = await signer.sign({
      method: 'POST',
      protocol: target.protocol,
      hostname: target.hostname,
      port: Number(target.port),
      path: target.pathname,
      headers: { host: target.host, 'content-type': 'application/json' },
      body,
    });
    const { host: _host, ...headers } = request.headers;
    return fetch(url, { method: 'POST', headers, body });
  };

  it('refuses unsigned requests', async () => {
    const server = await startBedrockWireServer({ respond: () => textScenario('ok') });
    const unsigned = await post(`${server.url}/model/amazon.nova-lite-v1%3A0/converse`, { messages: [] });
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('x-amzn-errortype')).toMatch(/^MissingAuthenticationTokenException:/);
    await server.close();
  });

  it('accepts a request signed by the AWS signer and answers in Converse shape', async () => {
    const server = await startBedrockWireServer({ respond: () => textScenario('ok') });
    const url = `${server.url}/model/amazon.nova-lite-v1%3A0/converse`;
    const ok = await signed(url, JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'Hi' }] }] }));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      output: { message: { role: 'assistant', content: [{ text: 'ok' }] } },
      stopReason: 'end_turn',
      usage: { inputTokens: 12, outputTokens: 1, totalTokens: 13 },
    });
    const invalid = await signed(url, JSON.stringify({ inferenceConfig: {} }));
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('x-amzn-errortype')).toMatch(/^ValidationException:/);
    await server.close();
  });
});
