import { withRetry } from '@baton/core';
import {
  AuthenticationError,
  type ModelRequest,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
  ValidationError,
} from '@baton/core/contracts';
import {
  collectStream,
  errorScenario,
  rateLimitScenario,
  serverErrorScenario,
  slowScenario,
  startAnthropicWireServer,
  textScenario,
  toolCallsScenario,
  type WireServer,
} from '@baton/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ANTHROPIC_DEFAULT_MAX_TOKENS, createAnthropic } from '../src/index.js';

const weatherTool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const ask = (text: string): ModelRequest => ({
  messages: [{ role: 'user', content: [{ type: 'text', text }] }],
});

let server: WireServer;
let streamErrors: WireServer;
beforeAll(async () => {
  server = await startAnthropicWireServer();
  streamErrors = await startAnthropicWireServer({ inStreamErrors: true });
});
afterAll(async () => {
  await server.close();
  await streamErrors.close();
});
beforeEach(() => {
  server.reset();
  streamErrors.reset();
});

const model = (id = 'claude-sonnet-4-5', url = server.url) =>
  createAnthropic({ baseURL: `${url}/v1`, apiKey: 'sk-ant-test', headers: { 'x-team': 'baton' } }).messages(
    id,
  );

describe('request', () => {
  it('sends the documented body and headers', async () => {
    server.enqueue(textScenario('ok'));
    await model().generate({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      ],
      temperature: 0.2,
      topP: 0.9,
      stopSequences: ['END'],
      maxOutputTokens: 300,
      tools: [weatherTool],
      toolChoice: 'auto',
      headers: { 'x-request-tag': 'one' },
    });
    const request = server.requests[0]!;
    expect(request.path).toBe('/v1/messages');
    expect(request.headers).toMatchObject({
      'x-api-key': 'sk-ant-test',
      'anthropic-version': '2023-06-01',
      'content-type': 'application/json',
      'x-team': 'baton',
      'x-request-tag': 'one',
    });
    expect(request.headers).not.toHaveProperty('authorization');
    expect(request.body).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 300,
      system: 'Be brief.',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      temperature: 0.2,
      top_p: 0.9,
      stop_sequences: ['END'],
      tools: [
        {
          name: 'get_weather',
          description: 'Current weather for a city',
          input_schema: weatherTool.inputSchema,
        },
      ],
      tool_choice: { type: 'auto' },
    });
  });

  it('always sends max_tokens, defaulting when the request sets none', async () => {
    server.enqueue(textScenario('ok'), textScenario('ok'), textScenario('ok'));
    await model().generate(ask('Hi'));
    expect((server.requests[0]!.body as { max_tokens: number }).max_tokens).toBe(
      ANTHROPIC_DEFAULT_MAX_TOKENS,
    );
    const thinking = { anthropic: { thinking: { type: 'enabled', budgetTokens: 2048 } } };
    await model().generate({ ...ask('Hi'), maxOutputTokens: 3000, providerOptions: thinking });
    // maxOutputTokens stays a hard bound: thinking fits inside it.
    expect(server.requests[1]!.body).toMatchObject({
      max_tokens: 3000,
      thinking: { type: 'enabled', budget_tokens: 2048 },
    });
    await model().generate({ ...ask('Hi'), providerOptions: thinking });
    expect(server.requests[2]!.body).toMatchObject({ max_tokens: ANTHROPIC_DEFAULT_MAX_TOKENS + 2048 });
  });

  it('refuses a thinking budget that does not fit in maxOutputTokens, before sending', async () => {
    const error = await model()
      .generate({
        ...ask('Hi'),
        maxOutputTokens: 1000,
        providerOptions: { anthropic: { thinking: { type: 'enabled', budgetTokens: 2048 } } },
      })
      .catch((e: unknown) => e);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(
      'budgetTokens (2048) must be less than maxOutputTokens (1000)',
    );
    expect(server.requests).toHaveLength(0);
  });

  it('puts cache_control on system, tools and the last message when caching is on', async () => {
    server.enqueue(textScenario('ok'));
    await model().generate({
      messages: [
        { role: 'system', content: 'Long stable instructions' },
        { role: 'user', content: [{ type: 'text', text: 'Question' }] },
      ],
      tools: [weatherTool],
      providerOptions: { anthropic: { cacheControl: true, betas: ['interleaved-thinking-2025-05-14'] } },
    });
    const request = server.requests[0]!;
    expect(request.headers['anthropic-beta']).toBe('interleaved-thinking-2025-05-14');
    expect(request.body).toMatchObject({
      system: [{ type: 'text', text: 'Long stable instructions', cache_control: { type: 'ephemeral' } }],
      tools: [{ name: 'get_weather', cache_control: { type: 'ephemeral' } }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Question', cache_control: { type: 'ephemeral' } }] },
      ],
    });
  });

  it('rejects unknown provider options before sending anything', async () => {
    const error = await model()
      .generate({ ...ask('Hi'), providerOptions: { anthropic: { cacheControll: true } } })
      .catch((e: unknown) => e);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('cacheControll');
    expect(server.requests).toHaveLength(0);
  });

  it('fails with AuthenticationError before any request when no key is configured', async () => {
    const adapter = createAnthropic({ baseURL: `${server.url}/v1`, env: {} }).messages('claude-sonnet-4-5');
    const error = await adapter.generate(ask('Hi')).catch((e: unknown) => e);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('ANTHROPIC_API_KEY');
    const streamed = await collectStream(adapter.stream(ask('Hi')));
    expect(AuthenticationError.isInstance(streamed.error)).toBe(true);
    expect(server.requests).toHaveLength(0);
  });

  it('reads the key from ANTHROPIC_API_KEY', async () => {
    server.enqueue(textScenario('ok'));
    await createAnthropic({ baseURL: `${server.url}/v1`, env: { ANTHROPIC_API_KEY: 'sk-ant-env' } })(
      'claude-haiku-4-5',
    ).generate(ask('Hi'));
    expect(server.requests[0]!.headers['x-api-key']).toBe('sk-ant-env');
  });
});

describe('tool loop', () => {
  it('sends tool results back as tool_result blocks of one user message', async () => {
    server.enqueue(
      toolCallsScenario(
        [
          { id: 'toolu_A', name: 'get_weather', arguments: { city: 'Paris' } },
          { id: 'toolu_B', name: 'get_weather', arguments: { city: 'Tokyo' } },
        ],
        { text: 'Let me check.' },
      ),
      textScenario('Paris 21°C, Tokyo unavailable.'),
    );
    const adapter = model();
    const first = await adapter.generate({ ...ask('Weather?'), tools: [weatherTool] });
    expect(first.finishReason).toEqual({ unified: 'tool-calls', raw: 'tool_use' });
    expect(first.content).toEqual([
      { type: 'text', text: 'Let me check.' },
      { type: 'tool-call', toolCallId: 'toolu_A', toolName: 'get_weather', input: { city: 'Paris' } },
      { type: 'tool-call', toolCallId: 'toolu_B', toolName: 'get_weather', input: { city: 'Tokyo' } },
    ]);
    await adapter.generate({
      tools: [weatherTool],
      messages: [
        ...ask('Weather?').messages,
        { role: 'assistant', content: first.content },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'toolu_A',
              toolName: 'get_weather',
              output: { temperatureC: 21 },
            },
            {
              type: 'tool-result',
              toolCallId: 'toolu_B',
              toolName: 'get_weather',
              output: 'timeout',
              isError: true,
            },
          ],
        },
      ],
    });
    expect((server.requests[1]!.body as { messages: unknown[] }).messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Let me check.' },
          { type: 'tool_use', id: 'toolu_A', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'toolu_B', name: 'get_weather', input: { city: 'Tokyo' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_A', content: '{"temperatureC":21}' },
          { type: 'tool_result', tool_use_id: 'toolu_B', content: 'timeout', is_error: true },
        ],
      },
    ]);
  });

  it('assembles streamed input_json_delta fragments into the call', async () => {
    server.enqueue(
      toolCallsScenario([{ id: 'toolu_S', name: 'get_weather', arguments: { city: 'São Paulo', days: 3 } }], {
        argumentsChunkSize: 3,
      }),
    );
    const { parts, finish } = await collectStream(
      model().stream({ ...ask('Weather?'), tools: [weatherTool] }),
    );
    const deltas = parts.filter((p) => p.type === 'tool-call-delta');
    expect(deltas.length).toBeGreaterThan(3);
    expect(parts.filter((p) => p.type === 'tool-call')).toEqual([
      {
        type: 'tool-call',
        toolCallId: 'toolu_S',
        toolName: 'get_weather',
        input: { city: 'São Paulo', days: 3 },
      },
    ]);
    expect(finish?.finishReason).toEqual({ unified: 'tool-calls', raw: 'tool_use' });
  });

  it('keeps unparseable streamed arguments as raw text', async () => {
    server.enqueue(toolCallsScenario([{ id: 'toolu_X', name: 'get_weather', arguments: '{"city": "Par' }]));
    const { parts } = await collectStream(model().stream({ ...ask('Weather?'), tools: [weatherTool] }));
    expect(parts.find((p) => p.type === 'tool-call')).toMatchObject({ input: '{"city": "Par' });
  });
});

describe('thinking', () => {
  it('returns signed thinking as reasoning, generated and streamed', async () => {
    server.enqueue(
      textScenario('42.', { reasoning: 'Six times seven.' }),
      textScenario('42.', { reasoning: 'Six times seven.' }),
    );
    const result = await model().generate(ask('6*7?'));
    expect(result.content[0]).toMatchObject({ type: 'reasoning', text: 'Six times seven.' });
    expect((result.content[0] as { signature?: string }).signature).toBeTruthy();
    const { parts, text } = await collectStream(model().stream(ask('6*7?')));
    const reasoning = parts.filter((p) => p.type === 'reasoning-delta');
    expect(reasoning.map((p) => (p.type === 'reasoning-delta' ? p.delta : '')).join('')).toBe(
      'Six times seven.',
    );
    expect(reasoning.at(-1)).toMatchObject({
      delta: '',
      signature: (result.content[0] as { signature: string }).signature,
    });
    expect(text).toBe('42.');
  });
});

describe('structured output', () => {
  const schema = {
    type: 'object',
    properties: { answer: { type: 'number' } },
    required: ['answer'],
    additionalProperties: false,
  };

  it('sends output_config.format with the schema by default', async () => {
    server.enqueue(textScenario('{"answer":42}'));
    const result = await model().generate({ ...ask('6*7?'), responseFormat: { type: 'json', schema } });
    expect(server.requests[0]!.body).toMatchObject({
      output_config: { format: { type: 'json_schema', schema } },
    });
    expect(result.content).toEqual([{ type: 'text', text: '{"answer":42}' }]);
  });

  it('forces a json tool in jsonTool mode and returns its input as text', async () => {
    server.enqueue(
      toolCallsScenario([{ name: 'json', arguments: { answer: 42 } }]),
      toolCallsScenario([{ name: 'json', arguments: { answer: 42 } }]),
    );
    const request: ModelRequest = {
      ...ask('6*7?'),
      responseFormat: { type: 'json', schema },
      providerOptions: { anthropic: { structuredOutputMode: 'jsonTool' } },
    };
    const result = await model('claude-3-5-haiku-latest').generate(request);
    expect(server.requests[0]!.body).toMatchObject({
      tools: [{ name: 'json', input_schema: schema }],
      tool_choice: { type: 'tool', name: 'json' },
    });
    expect(server.requests[0]!.body).not.toHaveProperty('output_config');
    expect(result.content).toEqual([{ type: 'text', text: '{"answer":42}' }]);
    expect(result.finishReason.unified).toBe('stop');
    const streamed = await collectStream(model('claude-3-5-haiku-latest').stream(request));
    expect(JSON.parse(streamed.text)).toEqual({ answer: 42 });
    expect(streamed.parts.some((p) => p.type === 'tool-call')).toBe(false);
    expect(streamed.finish?.finishReason.unified).toBe('stop');
  });
});

describe('usage', () => {
  it('adds cache reads and writes into inputTokens (Anthropic input_tokens excludes them)', async () => {
    const usage = { inputTokens: 1000, cachedInputTokens: 700, cacheWriteInputTokens: 200, outputTokens: 50 };
    server.enqueue(textScenario('cached', { usage }), textScenario('cached', { usage }));
    const result = await model().generate(ask('Hi'));
    expect(result.usage).toMatchObject(usage);
    expect(result.usage.raw).toMatchObject({
      input_tokens: 100,
      cache_read_input_tokens: 700,
      cache_creation_input_tokens: 200,
    });
    const { finish } = await collectStream(model().stream(ask('Hi')));
    expect(finish?.usage).toMatchObject(usage);
  });

  it('returns response id, model, rate-limit headers and the request id', async () => {
    server.enqueue(textScenario('ok'));
    const result = await model().generate(ask('Hi'));
    expect(result.responseId).toMatch(/^msg_/);
    expect(result.modelId).toBe('claude-sonnet-4-5');
    expect(result.rateLimit).toMatchObject({
      limitRequests: 4000,
      remainingRequests: 3999,
      limitTokens: 400000,
    });
    expect(result.providerMetadata?.anthropic?.requestId).toMatch(/^req_/);
  });
});

describe('errors', () => {
  it('maps 529 overloaded_error to a retryable ProviderUnavailableError', async () => {
    server.enqueue(rateLimitScenario({ status: 529, retryAfterSeconds: 3 }));
    const error = await model()
      .generate(ask('Hi'))
      .catch((e: unknown) => e);
    expect(ProviderUnavailableError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ retryable: true, provider: { status: 529, type: 'overloaded_error' } });
  });

  it('withRetry retries 529 overloaded honouring retry-after, then succeeds', async () => {
    server.enqueue(rateLimitScenario({ status: 529, retryAfterSeconds: 3 }), textScenario('Recovered.'));
    const waits: number[] = [];
    const result = await withRetry(model(), { sleep: async (ms) => void waits.push(ms) }).generate(ask('Hi'));
    expect(result.content).toEqual([{ type: 'text', text: 'Recovered.' }]);
    expect(waits).toEqual([3000]);
  });

  it('withRetry retries an in-stream overloaded_error before any output was delivered', async () => {
    streamErrors.enqueue(serverErrorScenario(529), textScenario('Second try.'));
    const { text, error } = await collectStream(
      withRetry(model('claude-sonnet-4-5', streamErrors.url), { sleep: async () => {} }).stream(ask('Hi')),
    );
    expect(error).toBeUndefined();
    expect(text).toBe('Second try.');
    expect(streamErrors.requests).toHaveLength(2);
  });

  it('maps 429 with retry-after to RateLimitError', async () => {
    server.enqueue(rateLimitScenario({ retryAfterSeconds: 12 }));
    const error = await model()
      .generate(ask('Hi'))
      .catch((e: unknown) => e);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      retryable: true,
      retryAfterMs: 12_000,
      provider: { status: 429, type: 'rate_limit_error' },
    });
  });

  it.each([
    [400, 'InvalidRequestError', false],
    [401, 'AuthenticationError', false],
    [403, 'AuthenticationError', false],
    [404, 'InvalidRequestError', false],
    [413, 'InvalidRequestError', false],
    [500, 'ProviderUnavailableError', true],
  ])('HTTP %i → %s', async (status, name, retryable) => {
    server.enqueue(errorScenario(status));
    const error = await model()
      .generate(ask('Hi'))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name, retryable, provider: { status, provider: 'anthropic' } });
  });

  it('surfaces an in-stream overloaded_error as a retryable error part', async () => {
    streamErrors.enqueue(serverErrorScenario(529));
    const { parts, error, finish } = await collectStream(
      model('claude-sonnet-4-5', streamErrors.url).stream(ask('Hi')),
    );
    expect(finish).toBeUndefined();
    expect(parts.at(-1)?.type).toBe('error');
    expect(ProviderUnavailableError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ retryable: true, provider: { type: 'overloaded_error', status: 529 } });
  });

  it('surfaces an in-stream rate_limit_error as RateLimitError', async () => {
    streamErrors.enqueue(rateLimitScenario());
    const { error } = await collectStream(model('claude-sonnet-4-5', streamErrors.url).stream(ask('Hi')));
    expect(RateLimitError.isInstance(error)).toBe(true);
  });

  it('turns a response slower than the total timeout into a TimeoutError', async () => {
    server.enqueue(slowScenario(400, textScenario('late')));
    const adapter = createAnthropic({ baseURL: `${server.url}/v1`, apiKey: 'k', timeouts: { totalMs: 50 } })(
      'claude-x',
    );
    const error = await adapter.generate(ask('Hi')).catch((e: unknown) => e);
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as TimeoutError).retryable).toBe(true);
  });

  it('rejects the first next() of a stream on an HTTP error', async () => {
    server.enqueue(errorScenario(400, { message: 'max_tokens: must be positive' }));
    const iterator = model().stream(ask('Hi'))[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toMatchObject({
      name: 'InvalidRequestError',
      message: expect.stringContaining('max_tokens'),
    });
  });
});
