import {
  AuthenticationError,
  CancelledError,
  type ModelRequest,
  RateLimitError,
  withRetry,
} from '@baton/core';
import {
  collectStream,
  rateLimitScenario,
  serverErrorScenario,
  startOpenAIWireServer,
  textScenario,
  toolCallsScenario,
  type WireServer,
} from '@baton/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAI } from '../../src/index.js';

let server: WireServer;
beforeAll(async () => {
  server = await startOpenAIWireServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const openai = () =>
  createOpenAI({
    apiKey: 'sk-test',
    baseURL: `${server.url}/v1`,
    organization: 'org-1',
    project: 'proj_1',
    env: {},
  });

const weather = {
  name: 'get_weather',
  description: 'Weather for a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('OpenAI chat: the request on the wire', () => {
  it('sends the documented body and headers', async () => {
    server.enqueue(textScenario('Hi'));
    const request: ModelRequest = {
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Hello' }] },
      ],
      temperature: 0.2,
      topP: 0.9,
      maxOutputTokens: 100,
      stopSequences: ['END'],
      tools: [weather],
      toolChoice: { type: 'tool', toolName: 'get_weather' },
      headers: { 'x-trace': 't1' },
      providerOptions: { openai: { parallelToolCalls: false, user: 'u-1', seed: 7 } },
    };
    await openai().chat('gpt-4o-mini').generate(request);
    const sent = server.requests[0]!;
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe('Bearer sk-test');
    expect(sent.headers['openai-organization']).toBe('org-1');
    expect(sent.headers['openai-project']).toBe('proj_1');
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.headers['x-trace']).toBe('t1');
    expect(sent.body).toEqual({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello' },
      ],
      max_completion_tokens: 100,
      temperature: 0.2,
      top_p: 0.9,
      stop: ['END'],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Weather for a city',
            parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      parallel_tool_calls: false,
      user: 'u-1',
      seed: 7,
    });
  });

  it('streams with stream_options.include_usage', async () => {
    server.enqueue(textScenario('Hi'));
    await collectStream(
      openai()
        .chat('gpt-4o-mini')
        .stream({ messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }] }),
    );
    expect(server.requests[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('structured output: response_format json_schema (strict by default)', async () => {
    server.enqueue(textScenario('{"city":"Paris"}'), textScenario('{"a":1}'));
    const schema = {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    };
    const model = openai().chat('gpt-4o-mini');
    const result = await model.generate({
      messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }],
      responseFormat: { type: 'json', name: 'city', description: 'A city', schema },
    });
    expect(result.content).toEqual([{ type: 'text', text: '{"city":"Paris"}' }]);
    expect((server.requests[0]!.body as Record<string, unknown>).response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'city', description: 'A city', schema, strict: true },
    });
    await model.generate({
      messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }],
      responseFormat: { type: 'json' },
    });
    expect((server.requests[1]!.body as Record<string, unknown>).response_format).toEqual({
      type: 'json_object',
    });
  });

  it('structured output: strict is false for a schema strict mode would reject, unless overridden', async () => {
    server.enqueue(textScenario('{}'), textScenario('{}'));
    const open = { type: 'object', properties: { city: { type: 'string' } } };
    const model = openai().chat('gpt-4o-mini');
    await model.generate({ messages: [], responseFormat: { type: 'json', schema: open } });
    expect(server.requests[0]!.body).toMatchObject({
      response_format: { json_schema: { name: 'response', strict: false } },
    });
    await model.generate({
      messages: [],
      responseFormat: { type: 'json', schema: open },
      providerOptions: { openai: { strictJsonSchema: true } },
    });
    expect(server.requests[1]!.body).toMatchObject({ response_format: { json_schema: { strict: true } } });
  });

  it('rejects unknown provider options with a clear error before sending', async () => {
    const error = await openai()
      .chat('gpt-4o-mini')
      .generate({ messages: [], providerOptions: { openai: { parallelToolcalls: true } } })
      .catch((e: unknown) => e);
    expect((error as Error).message).toContain('providerOptions.openai');
    expect(server.requests).toHaveLength(0);
  });
});

describe('OpenAI chat: results', () => {
  it('maps text, usage details, ids, model and rate-limit headers', async () => {
    server.enqueue(
      textScenario('Hello!', {
        usage: { inputTokens: 2006, outputTokens: 300, cachedInputTokens: 1920, reasoningTokens: 192 },
      }),
    );
    const result = await openai()
      .chat('gpt-4o-mini')
      .generate({ messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] });
    expect(result.content).toEqual([{ type: 'text', text: 'Hello!' }]);
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
    expect(result.usage).toMatchObject({
      inputTokens: 2006,
      outputTokens: 300,
      cachedInputTokens: 1920,
      reasoningTokens: 192,
    });
    expect(result.responseId).toMatch(/^chatcmpl-/);
    expect(result.modelId).toBe('gpt-4o-mini');
    expect(result.rateLimit).toEqual({
      limitRequests: 10000,
      remainingRequests: 9999,
      resetRequestsMs: 6,
      limitTokens: 30000000,
      remainingTokens: 29999000,
      resetTokensMs: 2,
    });
    expect(result.providerMetadata?.openai?.requestId).toMatch(/^req_/);
  });

  it('assembles parallel streamed tool calls by index from small fragments', async () => {
    server.enqueue(
      toolCallsScenario(
        [
          { id: 'call_a', name: 'get_weather', arguments: { city: 'Paris', days: [1, 2, 3] } },
          { id: 'call_b', name: 'get_weather', arguments: { city: 'Tōkyō' } },
        ],
        { argumentsChunkSize: 3 },
      ),
    );
    const { parts, finish } = await collectStream(
      openai()
        .chat('gpt-4o-mini')
        .stream({ messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }], tools: [weather] }),
    );
    const deltas = parts.filter((part) => part.type === 'tool-call-delta');
    expect(deltas.length).toBeGreaterThan(4);
    expect(deltas.every((part) => part.type === 'tool-call-delta' && part.toolName === 'get_weather')).toBe(
      true,
    );
    expect(parts.filter((part) => part.type === 'tool-call')).toEqual([
      {
        type: 'tool-call',
        toolCallId: 'call_a',
        toolName: 'get_weather',
        input: { city: 'Paris', days: [1, 2, 3] },
      },
      { type: 'tool-call', toolCallId: 'call_b', toolName: 'get_weather', input: { city: 'Tōkyō' } },
    ]);
    expect(finish?.finishReason).toEqual({ unified: 'tool-calls', raw: 'tool_calls' });
    expect(finish?.usage.inputTokens).toBe(12);
  });

  it('keeps unparseable tool arguments as raw text', async () => {
    server.enqueue(toolCallsScenario([{ id: 'call_x', name: 'get_weather', arguments: '{"city": "Par' }]));
    const result = await openai()
      .chat('gpt-4o-mini')
      .generate({ messages: [], tools: [weather] });
    expect(result.content).toEqual([
      { type: 'tool-call', toolCallId: 'call_x', toolName: 'get_weather', input: '{"city": "Par' },
    ]);
  });

  it('a full tool loop: the second request carries the assistant tool_calls and the tool message', async () => {
    server.enqueue(
      toolCallsScenario([{ id: 'call_loop', name: 'get_weather', arguments: { city: 'Paris' } }]),
      textScenario('Sunny.'),
    );
    const model = openai().chat('gpt-4o-mini');
    const user = { role: 'user' as const, content: [{ type: 'text' as const, text: 'Weather in Paris?' }] };
    const first = await model.generate({ messages: [user], tools: [weather] });
    const second = await model.generate({
      messages: [
        user,
        { role: 'assistant', content: first.content },
        {
          role: 'tool',
          content: [
            { type: 'tool-result', toolCallId: 'call_loop', toolName: 'get_weather', output: { c: 21 } },
          ],
        },
      ],
      tools: [weather],
    });
    expect(second.content).toEqual([{ type: 'text', text: 'Sunny.' }]);
    expect((server.requests[1]!.body as { messages: unknown[] }).messages).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_loop',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_loop', content: '{"c":21}' },
    ]);
  });
});

describe('OpenAI chat: failures', () => {
  it('a missing key is an AuthenticationError before any request', async () => {
    const error = await createOpenAI({ baseURL: `${server.url}/v1`, env: {} })
      .chat('gpt-4o-mini')
      .generate({ messages: [] })
      .catch((e: unknown) => e);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('OPENAI_API_KEY');
    expect(server.requests).toHaveLength(0);
  });

  it('reads OPENAI_API_KEY from the environment', async () => {
    server.enqueue(textScenario('ok'));
    await createOpenAI({ baseURL: `${server.url}/v1`, env: { OPENAI_API_KEY: 'sk-env' } })
      .chat('m')
      .generate({ messages: [] });
    expect(server.requests[0]!.headers.authorization).toBe('Bearer sk-env');
  });

  it('retries honour Retry-After (withRetry) and then succeed', async () => {
    server.enqueue(
      rateLimitScenario({ retryAfterSeconds: 3 }),
      serverErrorScenario(503),
      textScenario('finally'),
    );
    const waits: number[] = [];
    const model = withRetry(openai().chat('gpt-4o-mini'), {
      sleep: async (ms) => {
        waits.push(ms);
      },
      random: () => 0.5,
      baseDelayMs: 100,
    });
    const result = await model.generate({ messages: [] });
    expect(result.content).toEqual([{ type: 'text', text: 'finally' }]);
    expect(server.requests).toHaveLength(3);
    expect(waits).toEqual([3000, 100]);
  });

  it('retry-after-ms wins over retry-after', async () => {
    server.enqueue(rateLimitScenario({ retryAfterSeconds: 5, retryAfterMs: 250 }));
    const error = await openai()
      .chat('m')
      .generate({ messages: [] })
      .catch((e: unknown) => e);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect((error as RateLimitError).retryAfterMs).toBe(250);
    expect((error as RateLimitError).provider?.code).toBe('rate_limit_exceeded');
  });

  it('a first-byte timeout is a TimeoutError', async () => {
    const { slowScenario } = await import('@baton/testing');
    server.enqueue(slowScenario(1000, textScenario('late')));
    const error = await createOpenAI({
      apiKey: 'k',
      baseURL: `${server.url}/v1`,
      timeouts: { firstByteMs: 30 },
    })
      .chat('m')
      .generate({ messages: [] })
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe('TimeoutError');
    expect((error as { retryable: boolean }).retryable).toBe(true);
  });

  it('aborting before the call rejects with CancelledError and sends nothing', async () => {
    const error = await openai()
      .chat('m')
      .generate({ messages: [] }, { signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect(CancelledError.isInstance(error)).toBe(true);
    expect(server.requests).toHaveLength(0);
  });

  it('an in-stream error chunk becomes an error part', async () => {
    const { startWireServer, sseReply } = await import('@baton/testing');
    const custom = await startWireServer({
      routes: [
        {
          path: '/v1/chat/completions',
          reply: () =>
            sseReply([
              {
                data: '{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"a"},"finish_reason":null}]}',
              },
              { data: '{"error":{"message":"The server had an error","type":"server_error","code":null}}' },
            ]),
        },
      ],
      respond: () => textScenario('unused'),
    });
    try {
      const { error, text } = await collectStream(
        createOpenAI({ apiKey: 'k', baseURL: `${custom.url}/v1` })
          .chat('m')
          .stream({ messages: [] }),
      );
      expect(text).toBe('a');
      expect((error as Error).name).toBe('ProviderUnavailableError');
    } finally {
      await custom.close();
    }
  });
});

describe('OpenAI-compatible stream quirks', () => {
  it('assembles tool-call fragments that carry no index', async () => {
    const { startWireServer, sseReply } = await import('@baton/testing');
    const chunk = (delta: unknown, finish: string | null = null) =>
      JSON.stringify({
        id: 'c',
        object: 'chat.completion.chunk',
        choices: [{ index: 0, delta, finish_reason: finish }],
      });
    const custom = await startWireServer({
      routes: [
        {
          path: '/v1/chat/completions',
          reply: () =>
            sseReply([
              {
                data: chunk({
                  tool_calls: [
                    { id: 'call_a', type: 'function', function: { name: 'f', arguments: '{"x"' } },
                  ],
                }),
              },
              { data: chunk({ tool_calls: [{ function: { arguments: ':1}' } }] }) },
              {
                data: chunk({
                  tool_calls: [{ id: 'call_b', type: 'function', function: { name: 'g', arguments: '{}' } }],
                }),
              },
              { data: chunk({}, 'tool_calls') },
              { data: '[DONE]' },
            ]),
        },
      ],
      respond: () => textScenario('unused'),
    });
    try {
      const { parts } = await collectStream(
        createOpenAI({ apiKey: 'k', baseURL: `${custom.url}/v1` })
          .chat('m')
          .stream({ messages: [] }),
      );
      expect(parts.filter((p) => p.type === 'tool-call')).toEqual([
        { type: 'tool-call', toolCallId: 'call_a', toolName: 'f', input: { x: 1 } },
        { type: 'tool-call', toolCallId: 'call_b', toolName: 'g', input: {} },
      ]);
    } finally {
      await custom.close();
    }
  });
});

describe('OpenAI chat: stream failures before the first part', () => {
  it('reject the first next() instead of yielding an error part', async () => {
    const { startWireServer } = await import('@baton/testing');
    const custom = await startWireServer({
      routes: [
        {
          path: '/v1/chat/completions',
          reply: () => ({
            status: 200,
            headers: { 'content-type': 'text/event-stream' },
            chunks: [': keep-alive\n\n'],
            cut: true,
          }),
        },
      ],
      respond: () => textScenario('unused'),
    });
    try {
      const iterator = createOpenAI({ apiKey: 'k', baseURL: `${custom.url}/v1` })
        .chat('m')
        .stream({ messages: [] })
        [Symbol.asyncIterator]();
      const error = await iterator.next().catch((e: unknown) => e);
      expect((error as Error).name).toBe('ProviderUnavailableError');
      expect((error as { retryable: boolean }).retryable).toBe(true);
    } finally {
      await custom.close();
    }
  });
});
