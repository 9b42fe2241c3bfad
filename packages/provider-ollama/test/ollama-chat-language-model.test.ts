import { CancelledError, InvalidRequestError, ProviderUnavailableError, ValidationError } from '@baton/core';
import {
  collectStream,
  errorScenario,
  ndjsonReply,
  startOllamaWireServer,
  startWireServer,
  textScenario,
  toolCallsScenario,
  type WireServer,
} from '@baton/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOllama, createOpenAICompatible, ollamaProvider } from '../src/index.js';

let server: WireServer;
beforeAll(async () => {
  server = await startOllamaWireServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const weather = {
  name: 'get_weather',
  description: 'Weather for a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('Ollama /api/chat', () => {
  it('sends the documented body: stream flag, tools, format schema, options', async () => {
    server.enqueue(textScenario('{"city":"Paris"}'));
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    await createOllama({ baseURL: server.url, headers: { 'x-proxy': 'p' } })
      .chat('llama3.2')
      .generate({
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Where?' }] }],
        tools: [weather],
        maxOutputTokens: 64,
        temperature: 0.1,
        topP: 0.5,
        stopSequences: ['\n\n'],
        responseFormat: { type: 'json', schema },
        providerOptions: { ollama: { think: false, keepAlive: '5m', options: { num_ctx: 8192 } } },
      });
    const sent = server.requests[0]!;
    expect(sent.path).toBe('/api/chat');
    expect(sent.headers['x-proxy']).toBe('p');
    expect(sent.headers.authorization).toBeUndefined();
    expect(sent.body).toEqual({
      model: 'llama3.2',
      messages: [{ role: 'user', content: 'Where?' }],
      stream: false,
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Weather for a city',
            parameters: weather.inputSchema,
          },
        },
      ],
      format: schema,
      options: { num_predict: 64, temperature: 0.1, top_p: 0.5, stop: ['\n\n'], num_ctx: 8192 },
      think: false,
      keep_alive: '5m',
    });
  });

  it('format "json" without a schema; no tools when toolChoice is none', async () => {
    server.enqueue(textScenario('{}'));
    await createOllama({ baseURL: server.url })
      .chat('llama3.2')
      .generate({ messages: [], tools: [weather], toolChoice: 'none', responseFormat: { type: 'json' } });
    expect(server.requests[0]!.body).toEqual({
      model: 'llama3.2',
      messages: [],
      stream: false,
      format: 'json',
    });
  });

  it('maps prompt_eval_count / eval_count and done_reason, streamed and not', async () => {
    server.enqueue(
      textScenario('Hello there', { usage: { inputTokens: 26, outputTokens: 298 } }),
      textScenario('Hello there', { usage: { inputTokens: 26, outputTokens: 298 }, finishReason: 'length' }),
    );
    const model = createOllama({ baseURL: server.url }).chat('llama3.2');
    const result = await model.generate({ messages: [] });
    expect(result.usage).toMatchObject({ inputTokens: 26, outputTokens: 298 });
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
    expect(result.modelId).toBe('llama3.2');
    const { finish, text } = await collectStream(model.stream({ messages: [] }));
    expect(server.requests[1]!.body).toMatchObject({ stream: true });
    expect(text).toBe('Hello there');
    expect(finish?.usage).toMatchObject({ inputTokens: 26, outputTokens: 298 });
    expect(finish?.finishReason).toEqual({ unified: 'length', raw: 'length' });
  });

  it('streams thinking as reasoning deltas and whole tool calls', async () => {
    server.enqueue(
      textScenario('Answer', { reasoning: 'Let me think' }),
      toolCallsScenario([{ id: 'call_7', name: 'get_weather', arguments: { city: 'Rome' } }]),
    );
    const model = createOllama({ baseURL: server.url }).chat('qwen3');
    const thought = await collectStream(model.stream({ messages: [] }));
    expect(
      thought.parts
        .filter((p) => p.type === 'reasoning-delta')
        .map((p) => (p.type === 'reasoning-delta' ? p.delta : ''))
        .join(''),
    ).toBe('Let me think');
    const called = await collectStream(model.stream({ messages: [], tools: [weather] }));
    expect(called.parts.filter((p) => p.type === 'tool-call')).toEqual([
      { type: 'tool-call', toolCallId: 'call_7', toolName: 'get_weather', input: { city: 'Rome' } },
    ]);
    expect(called.finish?.finishReason).toEqual({ unified: 'tool-calls', raw: 'stop' });
  });

  it('maps { error } bodies by status', async () => {
    server.enqueue(errorScenario(404, { message: 'model "nope" not found, try pulling it first' }));
    const error = await createOllama({ baseURL: server.url })
      .chat('nope')
      .generate({ messages: [] })
      .catch((e: unknown) => e);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe('ollama HTTP 404: model "nope" not found, try pulling it first');
    expect((error as InvalidRequestError).provider?.body).toEqual({
      error: 'model "nope" not found, try pulling it first',
    });
  });

  it('an { error } line mid-stream becomes a retryable error part', async () => {
    const custom = await startWireServer({
      routes: [
        {
          path: '/api/chat',
          reply: () =>
            ndjsonReply([
              {
                model: 'm',
                created_at: '2026-01-01T00:00:00Z',
                message: { role: 'assistant', content: 'Hi' },
                done: false,
              },
              { error: 'llama runner process has terminated' },
            ]),
        },
      ],
      respond: () => textScenario('unused'),
    });
    try {
      const { text, error, finish } = await collectStream(
        createOllama({ baseURL: custom.url }).chat('m').stream({ messages: [] }),
      );
      expect(text).toBe('Hi');
      expect(finish).toBeUndefined();
      expect(ProviderUnavailableError.isInstance(error)).toBe(true);
      expect((error as ProviderUnavailableError).retryable).toBe(true);
    } finally {
      await custom.close();
    }
  });

  it('aborting mid-stream yields CancelledError', async () => {
    server.enqueue(textScenario('a b c d e f g h', { chunkDelayMs: 20 }));
    const controller = new AbortController();
    const { error } = await collectStream(
      createOllama({ baseURL: server.url }).chat('m').stream({ messages: [] }, { signal: controller.signal }),
      () => controller.abort(),
    );
    expect(CancelledError.isInstance(error)).toBe(true);
  });

  it('ollamaProvider() is a registry factory; a trailing /api in baseURL is tolerated', async () => {
    server.enqueue(textScenario('ok'));
    const adapter = ollamaProvider({ baseURL: `${server.url}/api/` })('llama3.2');
    expect(adapter.provider).toBe('ollama');
    expect(adapter.modelId).toBe('llama3.2');
    await adapter.generate({ messages: [] });
    expect(server.requests[0]!.path).toBe('/api/chat');
  });
});

describe('OpenAI-compatible servers', () => {
  it('use max_tokens, send a key only when given, and report their name', async () => {
    server.enqueue(textScenario('ok'), textScenario('ok'));
    const anonymous = createOpenAICompatible({ baseURL: `${server.url}/v1`, name: 'vllm' }).chat('qwen');
    expect(anonymous.provider).toBe('vllm');
    await anonymous.generate({ messages: [], maxOutputTokens: 32 });
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
    expect(server.requests[0]!.body).toMatchObject({ model: 'qwen', max_tokens: 32 });
    await createOpenAICompatible({ baseURL: `${server.url}/v1`, apiKey: 'token-abc' })
      .chat('qwen')
      .generate({ messages: [] });
    expect(server.requests[1]!.headers.authorization).toBe('Bearer token-abc');
  });

  it('json_object when the server lacks structured outputs', async () => {
    server.enqueue(textScenario('{}'));
    await createOpenAICompatible({ baseURL: `${server.url}/v1`, structuredOutputs: false })
      .chat('m')
      .generate({ messages: [], responseFormat: { type: 'json', schema: { type: 'object' } } });
    expect(server.requests[0]!.body).toMatchObject({ response_format: { type: 'json_object' } });
  });

  it.each([[''], ['not a url']])('a missing or invalid baseURL (%j) is a ValidationError', (baseURL) => {
    expect(() => createOpenAICompatible({ baseURL })).toThrow(ValidationError);
  });
});
