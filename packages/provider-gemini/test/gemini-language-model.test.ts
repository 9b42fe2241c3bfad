import { withRetry } from '@baton/core';
import {
  AuthenticationError,
  ContentFilterError,
  type ModelRequest,
  ProviderUnavailableError,
  RateLimitError,
} from '@baton/core/contracts';
import {
  collectStream,
  errorScenario,
  rateLimitScenario,
  serverErrorScenario,
  startGeminiWireServer,
  textScenario,
  toolCallsScenario,
  type WireServer,
} from '@baton/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGemini } from '../src/index.js';

const weatherTool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  inputSchema: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
};
const ask = (text: string): ModelRequest => ({
  messages: [{ role: 'user', content: [{ type: 'text', text }] }],
});

let server: WireServer;
let streamErrors: WireServer;
let blocking: WireServer;
beforeAll(async () => {
  [server, streamErrors, blocking] = await Promise.all([
    startGeminiWireServer(),
    startGeminiWireServer({ inStreamErrors: true }),
    startGeminiWireServer({ promptBlockReason: 'PROHIBITED_CONTENT' }),
  ]);
});
afterAll(async () => {
  await Promise.all([server.close(), streamErrors.close(), blocking.close()]);
});
beforeEach(() => {
  server.reset();
  streamErrors.reset();
  blocking.reset();
});

const model = (url = server.url, id = 'gemini-2.5-flash') =>
  createGemini({ baseURL: `${url}/v1beta`, apiKey: 'gm-test', headers: { 'x-team': 'baton' } })(id);

describe('request', () => {
  it('posts the documented body to models/{model}:generateContent with x-goog-api-key', async () => {
    server.enqueue(textScenario('ok'));
    await model().generate({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      ],
      temperature: 0.3,
      topP: 0.8,
      maxOutputTokens: 256,
      stopSequences: ['END'],
      tools: [weatherTool],
      toolChoice: 'required',
      providerOptions: {
        gemini: { thinkingConfig: { thinkingBudget: 512, includeThoughts: true }, seed: 7 },
      },
    });
    const request = server.requests[0]!;
    expect(request.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(request.query).toEqual({});
    expect(request.headers).toMatchObject({
      'x-goog-api-key': 'gm-test',
      'content-type': 'application/json',
      'x-team': 'baton',
    });
    expect(request.body).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      tools: [
        {
          functionDeclarations: [
            {
              name: 'get_weather',
              description: 'Current weather for a city',
              parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
            },
          ],
        },
      ],
      toolConfig: { functionCallingConfig: { mode: 'ANY' } },
      generationConfig: {
        temperature: 0.3,
        topP: 0.8,
        maxOutputTokens: 256,
        stopSequences: ['END'],
        seed: 7,
        thinkingConfig: { thinkingBudget: 512, includeThoughts: true },
      },
    });
  });

  it('streams from :streamGenerateContent?alt=sse', async () => {
    server.enqueue(textScenario('Hello there'));
    const { text } = await collectStream(model().stream(ask('Hi')));
    expect(text).toBe('Hello there');
    expect(server.requests[0]).toMatchObject({
      path: '/v1beta/models/gemini-2.5-flash:streamGenerateContent',
      query: { alt: 'sse' },
    });
  });

  it('accepts full resource names', async () => {
    server.enqueue(textScenario('ok'));
    await model(server.url, 'models/gemini-2.5-pro').generate(ask('Hi'));
    expect(server.requests[0]!.path).toBe('/v1beta/models/gemini-2.5-pro:generateContent');
  });

  it('reads GEMINI_API_KEY, then GOOGLE_API_KEY; none is an AuthenticationError before any request', async () => {
    server.enqueue(textScenario('a'), textScenario('b'));
    await createGemini({
      baseURL: `${server.url}/v1beta`,
      env: { GEMINI_API_KEY: 'gm-env', GOOGLE_API_KEY: 'g-env' },
    })('gemini-2.5-flash').generate(ask('Hi'));
    await createGemini({ baseURL: `${server.url}/v1beta`, env: { GOOGLE_API_KEY: 'g-env' } })(
      'gemini-2.5-flash',
    ).generate(ask('Hi'));
    expect(server.requests.map((r) => r.headers['x-goog-api-key'])).toEqual(['gm-env', 'g-env']);
    const error = await createGemini({ baseURL: `${server.url}/v1beta`, env: {} })('gemini-2.5-flash')
      .generate(ask('Hi'))
      .catch((e: unknown) => e);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('GEMINI_API_KEY');
    expect(server.requests).toHaveLength(2);
  });
});

describe('tool loop', () => {
  it('returns function calls and sends results back as functionResponse parts', async () => {
    server.enqueue(
      toolCallsScenario([
        { name: 'get_weather', arguments: { city: 'Paris' } },
        { name: 'get_weather', arguments: { city: 'Tokyo' } },
      ]),
      textScenario('Paris 21°C, Tokyo 18°C.'),
    );
    const adapter = model();
    const first = await adapter.generate({ ...ask('Weather?'), tools: [weatherTool] });
    expect(first.finishReason).toEqual({ unified: 'tool-calls', raw: 'STOP' });
    const calls = first.content.filter((p) => p.type === 'tool-call');
    expect(calls.map((c) => c.input)).toEqual([{ city: 'Paris' }, { city: 'Tokyo' }]);
    expect(new Set(calls.map((c) => c.toolCallId)).size).toBe(2);
    await adapter.generate({
      tools: [weatherTool],
      messages: [
        ...ask('Weather?').messages,
        { role: 'assistant', content: first.content },
        {
          role: 'tool',
          content: calls.map((c, i) => ({
            type: 'tool-result' as const,
            toolCallId: c.toolCallId,
            toolName: c.toolName,
            output: { temperatureC: i === 0 ? 21 : 18 },
          })),
        },
      ],
    });
    expect((server.requests[1]!.body as { contents: unknown[] }).contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather?' }] },
      {
        role: 'model',
        parts: [
          { functionCall: { name: 'get_weather', args: { city: 'Paris' } } },
          { functionCall: { name: 'get_weather', args: { city: 'Tokyo' } } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'get_weather', response: { output: { temperatureC: 21 } } } },
          { functionResponse: { name: 'get_weather', response: { output: { temperatureC: 18 } } } },
        ],
      },
    ]);
  });

  it('streams each function call whole', async () => {
    server.enqueue(
      toolCallsScenario([{ id: 'fc_9', name: 'get_weather', arguments: { city: 'Lima' } }], {
        text: 'Checking.',
      }),
    );
    const { parts, text, finish } = await collectStream(
      model().stream({ ...ask('Weather?'), tools: [weatherTool] }),
    );
    expect(text).toBe('Checking.');
    expect(parts.filter((p) => p.type === 'tool-call')).toEqual([
      { type: 'tool-call', toolCallId: 'fc_9', toolName: 'get_weather', input: { city: 'Lima' } },
    ]);
    expect(finish?.finishReason.unified).toBe('tool-calls');
  });
});

describe('structured output', () => {
  const schema = {
    type: 'object',
    properties: { answer: { type: 'number' }, note: { type: ['string', 'null'] } },
    required: ['answer'],
    additionalProperties: false,
  };

  it('sends responseMimeType and an OpenAPI-subset responseSchema', async () => {
    server.enqueue(textScenario('{"answer":42}'));
    const result = await model().generate({ ...ask('6*7?'), responseFormat: { type: 'json', schema } });
    expect((server.requests[0]!.body as { generationConfig: unknown }).generationConfig).toEqual({
      responseMimeType: 'application/json',
      responseSchema: {
        type: 'object',
        properties: { answer: { type: 'number' }, note: { type: 'string', nullable: true } },
        required: ['answer'],
      },
    });
    expect(result.content).toEqual([{ type: 'text', text: '{"answer":42}' }]);
  });

  it('sends responseJsonSchema unchanged with useJsonSchema, and JSON mode without a schema', async () => {
    server.enqueue(textScenario('{"answer":42}'), textScenario('{}'));
    await model().generate({
      ...ask('6*7?'),
      responseFormat: { type: 'json', schema },
      providerOptions: { gemini: { useJsonSchema: true } },
    });
    expect((server.requests[0]!.body as { generationConfig: unknown }).generationConfig).toEqual({
      responseMimeType: 'application/json',
      responseJsonSchema: schema,
    });
    await model().generate({ ...ask('json'), responseFormat: { type: 'json' } });
    expect((server.requests[1]!.body as { generationConfig: unknown }).generationConfig).toEqual({
      responseMimeType: 'application/json',
    });
  });
});

describe('usage and thinking', () => {
  it('counts thoughts in outputTokens and reasoningTokens, cached tokens within inputTokens', async () => {
    const usage = { inputTokens: 100, cachedInputTokens: 60, outputTokens: 30, reasoningTokens: 20 };
    server.enqueue(textScenario('ok', { usage }), textScenario('ok', { usage }));
    const result = await model().generate(ask('Hi'));
    expect(result.usage).toMatchObject(usage);
    expect(result.usage.raw).toMatchObject({
      promptTokenCount: 100,
      candidatesTokenCount: 10,
      thoughtsTokenCount: 20,
      cachedContentTokenCount: 60,
    });
    const { finish } = await collectStream(model().stream(ask('Hi')));
    expect(finish?.usage).toMatchObject(usage);
    expect(finish?.modelId).toBe('gemini-2.5-flash');
    expect(finish?.responseId).toBeTruthy();
  });

  it('returns thought parts as signed reasoning and replays the signature', async () => {
    server.enqueue(textScenario('42', { reasoning: 'six sevens' }), textScenario('ok'));
    const result = await model().generate(ask('6*7?'));
    const reasoning = result.content[0];
    expect(reasoning).toMatchObject({ type: 'reasoning', text: 'six sevens' });
    expect((reasoning as { signature?: string }).signature).toBeTruthy();
    await model().generate({
      messages: [
        ...ask('6*7?').messages,
        { role: 'assistant', content: result.content },
        ...ask('and 6*8?').messages,
      ],
    });
    expect((server.requests[1]!.body as { contents: { parts: unknown[] }[] }).contents[1]!.parts[0]).toEqual({
      text: 'six sevens',
      thought: true,
      thoughtSignature: (reasoning as { signature: string }).signature,
    });
  });
});

describe('safety', () => {
  it('maps a blocked prompt to ContentFilterError, generated and streamed', async () => {
    blocking.enqueue(textScenario('never'), textScenario('never'));
    const error = await model(blocking.url)
      .generate(ask('bad'))
      .catch((e: unknown) => e);
    expect(ContentFilterError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ retryable: false, provider: { type: 'PROHIBITED_CONTENT' } });
    const streamed = await collectStream(model(blocking.url).stream(ask('bad')));
    expect(ContentFilterError.isInstance(streamed.error)).toBe(true);
    expect(streamed.finish).toBeUndefined();
  });

  it('maps a candidate blocked with SAFETY and no content to ContentFilterError', async () => {
    server.enqueue(
      textScenario('x', { finishReason: 'content-filter' }),
      textScenario('x', { finishReason: 'content-filter' }),
    );
    const error = await model()
      .generate(ask('bad'))
      .catch((e: unknown) => e);
    expect(ContentFilterError.isInstance(error)).toBe(true);
    expect((error as ContentFilterError).provider?.type).toBe('SAFETY');
    const streamed = await collectStream(model().stream(ask('bad')));
    expect(ContentFilterError.isInstance(streamed.error)).toBe(true);
  });
});

describe('errors', () => {
  it('maps RESOURCE_EXHAUSTED with RetryInfo to RateLimitError.retryAfterMs', async () => {
    server.enqueue(rateLimitScenario({ retryAfterSeconds: 17 }));
    const error = await model()
      .generate(ask('Hi'))
      .catch((e: unknown) => e);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      retryAfterMs: 17_000,
      provider: { status: 429, type: 'RESOURCE_EXHAUSTED' },
    });
  });

  it('withRetry waits the RetryInfo delay, then succeeds', async () => {
    server.enqueue(rateLimitScenario({ retryAfterSeconds: 7 }), textScenario('Recovered.'));
    const waits: number[] = [];
    const result = await withRetry(model(), { sleep: async (ms) => void waits.push(ms) }).generate(ask('Hi'));
    expect(result.content).toEqual([{ type: 'text', text: 'Recovered.' }]);
    expect(waits).toEqual([7000]);
  });

  it('maps 400 API_KEY_INVALID to AuthenticationError', async () => {
    server.enqueue(
      errorScenario(400, {
        body: {
          error: {
            code: 400,
            message: 'API key not valid. Please pass a valid API key.',
            status: 'INVALID_ARGUMENT',
            details: [
              {
                '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
                reason: 'API_KEY_INVALID',
                domain: 'googleapis.com',
              },
            ],
          },
        },
      }),
    );
    const error = await model()
      .generate(ask('Hi'))
      .catch((e: unknown) => e);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: { code: 'API_KEY_INVALID', status: 400 } });
  });

  it.each([
    [400, 'InvalidRequestError'],
    [403, 'AuthenticationError'],
    [404, 'InvalidRequestError'],
    [500, 'ProviderUnavailableError'],
    [503, 'ProviderUnavailableError'],
    [504, 'ProviderUnavailableError'],
  ])('HTTP %i → %s', async (status, name) => {
    server.enqueue(errorScenario(status));
    const error = await model()
      .generate(ask('Hi'))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name, provider: { status, provider: 'gemini' } });
  });

  it('surfaces an error object inside the stream as an error part', async () => {
    streamErrors.enqueue(serverErrorScenario(503));
    const { parts, error, finish } = await collectStream(model(streamErrors.url).stream(ask('Hi')));
    expect(finish).toBeUndefined();
    expect(parts.at(-1)?.type).toBe('error');
    expect(ProviderUnavailableError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ retryable: true, provider: { type: 'UNAVAILABLE', status: 503 } });
  });
});
