import { withRetry } from '@baton/core';
import {
  AuthenticationError,
  InvalidRequestError,
  type ModelRequest,
  ProviderUnavailableError,
  RateLimitError,
} from '@baton/core/contracts';
import {
  BEDROCK_TEST_API_KEY,
  BEDROCK_TEST_CREDENTIALS,
  collectStream,
  errorScenario,
  rateLimitScenario,
  serverErrorScenario,
  startBedrockWireServer,
  textScenario,
  toolCallsScenario,
  type WireServer,
} from '@baton/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type BedrockProviderSettings, createBedrock, signBedrockRequest } from '../src/index.js';

const MODEL = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
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
  [server, streamErrors] = await Promise.all([
    startBedrockWireServer({
      credentials: {
        [BEDROCK_TEST_CREDENTIALS.accessKeyId]: BEDROCK_TEST_CREDENTIALS.secretAccessKey,
        ASIATEMPORARY: 'temp-secret',
      },
    }),
    startBedrockWireServer({ inStreamErrors: true }),
  ]);
});
afterAll(async () => {
  await Promise.all([server.close(), streamErrors.close()]);
});
beforeEach(() => {
  server.reset();
  streamErrors.reset();
});

const model = (settings: BedrockProviderSettings = {}, url = server.url) =>
  createBedrock({
    baseURL: url,
    region: 'us-east-1',
    ...BEDROCK_TEST_CREDENTIALS,
    env: {},
    ...settings,
  }).converse(MODEL);

describe('SigV4', () => {
  it('signs every request so the server verifies it (URL-encoded model id, exact body)', async () => {
    server.enqueue(textScenario('ok'), textScenario('streamed'));
    const result = await model().generate(ask('Hi'));
    expect(result.content).toEqual([{ type: 'text', text: 'ok' }]);
    const { text } = await collectStream(model().stream(ask('Hi')));
    expect(text).toBe('streamed');
    const [first, second] = server.requests;
    expect(first!.path).toBe('/model/anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse');
    expect(second!.path).toBe('/model/anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse-stream');
    expect(first!.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/us-east-1\/bedrock\/aws4_request, SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
    expect(first!.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(second!.headers.accept).toBe('application/vnd.amazon.eventstream');
  });

  it('signs and sends the session token of temporary credentials', async () => {
    server.enqueue(textScenario('ok'));
    await model({
      accessKeyId: 'ASIATEMPORARY',
      secretAccessKey: 'temp-secret',
      sessionToken: 'FwoGZXIvYXdzEJr//token',
    }).generate(ask('Hi'));
    const request = server.requests[0]!;
    expect(request.headers['x-amz-security-token']).toBe('FwoGZXIvYXdzEJr//token');
    expect(request.headers.authorization).toContain('x-amz-security-token');
  });

  it('is rejected with 403 InvalidSignatureException → AuthenticationError when the secret is wrong', async () => {
    server.enqueue(textScenario('never'));
    const error = await model({ secretAccessKey: 'not-the-secret' })
      .generate(ask('Hi'))
      .catch((e: unknown) => e);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      retryable: false,
      provider: { status: 403, type: 'InvalidSignatureException' },
    });
  });

  it('is rejected with UnrecognizedClientException for an unknown access key', async () => {
    server.enqueue(textScenario('never'));
    const error = await model({ accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' })
      .generate(ask('Hi'))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'AuthenticationError',
      provider: { status: 403, type: 'UnrecognizedClientException' },
    });
  });

  it('is rejected when signed for another region', async () => {
    server.enqueue(textScenario('never'));
    const error = await model({ region: 'eu-west-1' })
      .generate(ask('Hi'))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'AuthenticationError',
      provider: { type: 'InvalidSignatureException' },
    });
  });

  it('the server catches a tampered body', async () => {
    server.enqueue(textScenario('never'));
    const url = `${server.url}/model/${encodeURIComponent(MODEL)}/converse`;
    const body = JSON.stringify(ask('Hi'));
    const headers = { 'content-type': 'application/json' };
    const signed = await signBedrockRequest({
      url,
      headers,
      body,
      region: 'us-east-1',
      credentials: BEDROCK_TEST_CREDENTIALS,
    });
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...headers, ...signed },
      body: body.replace('Hi', 'Ho'),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toMatch(/^InvalidSignatureException:/);
  });

  it('the server rejects a stale signature', async () => {
    server.enqueue(textScenario('never'));
    const url = `${server.url}/model/${encodeURIComponent(MODEL)}/converse`;
    const body = JSON.stringify(ask('Hi'));
    const headers = { 'content-type': 'application/json' };
    const signed = await signBedrockRequest({
      url,
      headers,
      body,
      region: 'us-east-1',
      credentials: BEDROCK_TEST_CREDENTIALS,
      signingDate: new Date(Date.now() - 60 * 60_000),
    });
    const response = await fetch(url, { method: 'POST', headers: { ...headers, ...signed }, body });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ message: expect.stringContaining('Signature expired') });
  });
});

describe('Bedrock API keys', () => {
  it('sends an API key as a bearer token instead of signing', async () => {
    server.enqueue(textScenario('ok'), textScenario('ok'));
    await createBedrock({ baseURL: server.url, region: 'us-east-1', apiKey: BEDROCK_TEST_API_KEY, env: {} })(
      MODEL,
    ).generate(ask('Hi'));
    await createBedrock({
      baseURL: server.url,
      env: { AWS_BEARER_TOKEN_BEDROCK: BEDROCK_TEST_API_KEY, AWS_REGION: 'us-east-1' },
    })(MODEL).generate(ask('Hi'));
    for (const request of server.requests) {
      expect(request.headers.authorization).toBe(`Bearer ${BEDROCK_TEST_API_KEY}`);
      expect(request.headers).not.toHaveProperty('x-amz-date');
    }
  });

  it('prefers credentials passed in code over AWS_BEARER_TOKEN_BEDROCK', async () => {
    server.enqueue(textScenario('ok'));
    await model({ env: { AWS_BEARER_TOKEN_BEDROCK: 'ignored' } }).generate(ask('Hi'));
    expect(server.requests[0]!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
  });

  it('maps a rejected API key to AuthenticationError', async () => {
    server.enqueue(textScenario('never'));
    const error = await createBedrock({ baseURL: server.url, region: 'us-east-1', apiKey: 'wrong' })(MODEL)
      .generate(ask('Hi'))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'AuthenticationError',
      provider: { status: 403, type: 'UnrecognizedClientException' },
    });
  });
});

describe('configuration', () => {
  it('names an invalid endpoint instead of crashing', async () => {
    const error = await model({ baseURL: 'not a url' })
      .generate(ask('Hi'))
      .catch((e: unknown) => e);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('invalid endpoint URL');
  });

  it('reads credentials and region from the AWS environment variables', async () => {
    server.enqueue(textScenario('ok'));
    await createBedrock({
      baseURL: server.url,
      env: {
        AWS_ACCESS_KEY_ID: 'ASIATEMPORARY',
        AWS_SECRET_ACCESS_KEY: 'temp-secret',
        AWS_SESSION_TOKEN: 'tok',
        AWS_DEFAULT_REGION: 'us-east-1',
      },
    })(MODEL).generate(ask('Hi'));
    expect(server.requests[0]!.headers.authorization).toContain('Credential=ASIATEMPORARY/');
    expect(server.requests[0]!.headers['x-amz-security-token']).toBe('tok');
  });

  it('fails with AuthenticationError before any request when no credentials are configured', async () => {
    const adapter = createBedrock({ baseURL: server.url, region: 'us-east-1', env: {} })(MODEL);
    const error = await adapter.generate(ask('Hi')).catch((e: unknown) => e);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('AWS_ACCESS_KEY_ID');
    const streamed = await collectStream(adapter.stream(ask('Hi')));
    expect(AuthenticationError.isInstance(streamed.error)).toBe(true);
    expect(server.requests).toHaveLength(0);
  });

  it('names the missing region', async () => {
    const error = await createBedrock({ ...BEDROCK_TEST_CREDENTIALS, env: {} })(MODEL)
      .generate(ask('Hi'))
      .catch((e: unknown) => e);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('AWS_REGION');
  });

  it('targets bedrock-runtime.{region}.amazonaws.com by default', async () => {
    const urls: string[] = [];
    const adapter = createBedrock({
      region: 'eu-central-1',
      ...BEDROCK_TEST_CREDENTIALS,
      fetch: async (url) => {
        urls.push(url);
        return new Response(
          JSON.stringify({
            output: { message: { role: 'assistant', content: [{ text: 'hi' }] } },
            stopReason: 'end_turn',
            usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
          }),
          {
            headers: { 'content-type': 'application/json' },
          },
        );
      },
    })('us.amazon.nova-pro-v1:0');
    await adapter.generate(ask('Hi'));
    expect(urls).toEqual([
      'https://bedrock-runtime.eu-central-1.amazonaws.com/model/us.amazon.nova-pro-v1%3A0/converse',
    ]);
  });
});

describe('request body', () => {
  it('sends system, messages, inferenceConfig and toolConfig as documented', async () => {
    server.enqueue(textScenario('ok'));
    await model().generate({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      ],
      maxOutputTokens: 512,
      temperature: 0.5,
      topP: 0.9,
      stopSequences: ['END'],
      tools: [weatherTool],
      toolChoice: { type: 'tool', toolName: 'get_weather' },
      providerOptions: { bedrock: { additionalModelRequestFields: { top_k: 40 }, latency: 'optimized' } },
    });
    expect(server.requests[0]!.body).toEqual({
      messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
      system: [{ text: 'Be brief.' }],
      inferenceConfig: { maxTokens: 512, temperature: 0.5, topP: 0.9, stopSequences: ['END'] },
      toolConfig: {
        tools: [
          {
            toolSpec: {
              name: 'get_weather',
              description: 'Current weather for a city',
              inputSchema: { json: weatherTool.inputSchema },
            },
          },
        ],
        toolChoice: { tool: { name: 'get_weather' } },
      },
      additionalModelRequestFields: { top_k: 40 },
      performanceConfig: { latency: 'optimized' },
    });
  });
});

describe('tool loop', () => {
  it('returns toolUse calls and sends results back as toolResult blocks', async () => {
    server.enqueue(
      toolCallsScenario([
        { id: 'tooluse_p', name: 'get_weather', arguments: { city: 'Paris' } },
        { id: 'tooluse_t', name: 'get_weather', arguments: { city: 'Tokyo' } },
      ]),
      textScenario('Paris is sunny.'),
    );
    const adapter = model();
    const first = await adapter.generate({ ...ask('Weather?'), tools: [weatherTool] });
    expect(first.finishReason).toEqual({ unified: 'tool-calls', raw: 'tool_use' });
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
              toolCallId: 'tooluse_p',
              toolName: 'get_weather',
              output: { temperatureC: 21 },
            },
            {
              type: 'tool-result',
              toolCallId: 'tooluse_t',
              toolName: 'get_weather',
              output: 'upstream timeout',
              isError: true,
            },
          ],
        },
      ],
    });
    expect((server.requests[1]!.body as { messages: unknown[] }).messages).toEqual([
      { role: 'user', content: [{ text: 'Weather?' }] },
      {
        role: 'assistant',
        content: [
          { toolUse: { toolUseId: 'tooluse_p', name: 'get_weather', input: { city: 'Paris' } } },
          { toolUse: { toolUseId: 'tooluse_t', name: 'get_weather', input: { city: 'Tokyo' } } },
        ],
      },
      {
        role: 'user',
        content: [
          {
            toolResult: {
              toolUseId: 'tooluse_p',
              content: [{ json: { temperatureC: 21 } }],
              status: 'success',
            },
          },
          {
            toolResult: { toolUseId: 'tooluse_t', content: [{ text: 'upstream timeout' }], status: 'error' },
          },
        ],
      },
    ]);
  });
});

describe('structured output', () => {
  const schema = {
    type: 'object',
    properties: { answer: { type: 'number' } },
    required: ['answer'],
    additionalProperties: false,
  };

  it('sends outputConfig.textFormat with the schema as a JSON string', async () => {
    server.enqueue(textScenario('{"answer":42}'));
    const result = await model().generate({
      ...ask('6*7?'),
      responseFormat: { type: 'json', name: 'answer', schema },
    });
    expect(server.requests[0]!.body).toMatchObject({
      outputConfig: {
        textFormat: {
          type: 'json_schema',
          structure: { jsonSchema: { schema: JSON.stringify(schema), name: 'answer' } },
        },
      },
    });
    expect(result.content).toEqual([{ type: 'text', text: '{"answer":42}' }]);
  });

  it('forces a json tool in jsonTool mode', async () => {
    server.enqueue(
      toolCallsScenario([{ name: 'json', arguments: { answer: 42 } }]),
      toolCallsScenario([{ name: 'json', arguments: { answer: 42 } }]),
    );
    const request: ModelRequest = {
      ...ask('6*7?'),
      responseFormat: { type: 'json', schema },
      providerOptions: { bedrock: { structuredOutputMode: 'jsonTool' } },
    };
    const result = await model().generate(request);
    expect(server.requests[0]!.body).toMatchObject({
      toolConfig: { toolChoice: { tool: { name: 'json' } } },
    });
    expect(result.content).toEqual([{ type: 'text', text: '{"answer":42}' }]);
    expect(result.finishReason.unified).toBe('stop');
    const streamed = await collectStream(model().stream(request));
    expect(JSON.parse(streamed.text)).toEqual({ answer: 42 });
    expect(streamed.finish?.finishReason.unified).toBe('stop');
  });
});

describe('usage and reasoning', () => {
  it('adds cache reads and writes into inputTokens', async () => {
    const usage = { inputTokens: 500, cachedInputTokens: 300, cacheWriteInputTokens: 100, outputTokens: 20 };
    server.enqueue(textScenario('ok', { usage }), textScenario('ok', { usage }));
    const result = await model().generate(ask('Hi'));
    expect(result.usage).toMatchObject(usage);
    expect(result.usage.raw).toMatchObject({
      inputTokens: 100,
      cacheReadInputTokens: 300,
      cacheWriteInputTokens: 100,
    });
    expect(result.responseId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.providerMetadata?.bedrock?.latencyMs).toBe(412);
    const { finish } = await collectStream(model().stream(ask('Hi')));
    expect(finish?.usage).toMatchObject(usage);
  });

  it('streams reasoning text and its signature', async () => {
    server.enqueue(
      textScenario('42', { reasoning: 'six sevens' }),
      textScenario('42', { reasoning: 'six sevens' }),
    );
    const result = await model().generate(ask('6*7?'));
    expect(result.content[0]).toMatchObject({
      type: 'reasoning',
      text: 'six sevens',
      signature: expect.any(String),
    });
    const { parts, text } = await collectStream(model().stream(ask('6*7?')));
    const reasoning = parts.filter((p) => p.type === 'reasoning-delta');
    expect(reasoning.map((p) => (p.type === 'reasoning-delta' ? p.delta : '')).join('')).toBe('six sevens');
    expect(reasoning.at(-1)).toMatchObject({ signature: expect.any(String) });
    expect(text).toBe('42');
  });
});

describe('errors', () => {
  it('maps ThrottlingException to RateLimitError without a retry hint', async () => {
    server.enqueue(rateLimitScenario());
    const error = await model()
      .generate(ask('Hi'))
      .catch((e: unknown) => e);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      retryable: true,
      retryAfterMs: undefined,
      provider: { status: 429, type: 'ThrottlingException' },
    });
  });

  it('withRetry retries ThrottlingException with its own backoff (no hint), re-signing each attempt', async () => {
    server.enqueue(rateLimitScenario(), rateLimitScenario(), textScenario('Recovered.'));
    const waits: number[] = [];
    const retrying = withRetry(model(), {
      baseDelayMs: 100,
      random: () => 0.5,
      sleep: async (ms) => void waits.push(ms),
    });
    const result = await retrying.generate(ask('Hi'));
    expect(result.content).toEqual([{ type: 'text', text: 'Recovered.' }]);
    expect(waits).toHaveLength(2);
    expect(waits[1]).toBeGreaterThan(waits[0]!);
    expect(server.requests).toHaveLength(3);
  });

  it('withRetry never retries a ValidationException', async () => {
    server.enqueue(errorScenario(400), textScenario('unused'));
    const error = await withRetry(model(), { sleep: async () => {} })
      .generate(ask('Hi'))
      .catch((e: unknown) => e);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    [400, 'InvalidRequestError', 'ValidationException'],
    [403, 'AuthenticationError', 'AccessDeniedException'],
    [404, 'InvalidRequestError', 'ResourceNotFoundException'],
    [408, 'TimeoutError', 'ModelTimeoutException'],
    [424, 'ProviderUnavailableError', 'ModelErrorException'],
    [500, 'ProviderUnavailableError', 'InternalServerException'],
    [503, 'ProviderUnavailableError', 'ServiceUnavailableException'],
  ])('HTTP %i → %s (%s)', async (status, name, type) => {
    server.enqueue(errorScenario(status));
    const error = await model()
      .generate(ask('Hi'))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name, provider: { status, type, provider: 'bedrock' } });
  });

  it('maps ModelNotReadyException to a retryable ProviderUnavailableError', async () => {
    server.enqueue(
      errorScenario(429, { errorType: 'ModelNotReadyException', message: 'Model is not ready' }),
    );
    const error = await model()
      .generate(ask('Hi'))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'ProviderUnavailableError',
      retryable: true,
      provider: { type: 'ModelNotReadyException' },
    });
  });

  it.each([
    [429, 'RateLimitError', 'ThrottlingException'],
    [424, 'ProviderUnavailableError', 'ModelStreamErrorException'],
    [500, 'ProviderUnavailableError', 'InternalServerException'],
    [503, 'ProviderUnavailableError', 'ServiceUnavailableException'],
    [400, 'InvalidRequestError', 'ValidationException'],
  ])('an in-stream exception for %i becomes an error part: %s', async (status, name, type) => {
    streamErrors.enqueue(status === 429 ? rateLimitScenario() : serverErrorScenario(status));
    const { parts, error, finish } = await collectStream(model({}, streamErrors.url).stream(ask('Hi')));
    expect(finish).toBeUndefined();
    expect(parts.at(-1)?.type).toBe('error');
    expect(error).toMatchObject({ name, provider: { type } });
    expect(ProviderUnavailableError.isInstance(error) || name !== 'ProviderUnavailableError').toBe(true);
  });
});
