import { withRetry } from '@baton/core';
import {
  AuthenticationError,
  BatonError,
  CancelledError,
  InvalidRequestError,
  type ModelAdapter,
  type ModelRequest,
  ProviderUnavailableError,
  RateLimitError,
} from '@baton/core/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  cutStreamScenario,
  errorScenario,
  malformedEventScenario,
  rateLimitScenario,
  serverErrorScenario,
  slowScenario,
  textScenario,
  toolCallsScenario,
} from '../wire/wire-scenario.js';
import type { WireServer } from '../wire/wire-server.js';
import { collectStream } from './collect-stream.js';

/** Every case of the adapter conformance suite. */
export const conformanceCases = [
  'text',
  'text-stream',
  'tool-calls',
  'tool-calls-stream',
  'tool-loop',
  'structured-output',
  'usage',
  'usage-details',
  'finish-length',
  'invalid-request',
  'authentication',
  'rate-limit',
  'server-error',
  'retry-after',
  'retry-stream',
  'abort-mid-stream',
  'cut-stream',
  'cut-response',
  'malformed-event',
  'slow-response',
] as const;

/** One case of the conformance suite. */
export type ConformanceCase = (typeof conformanceCases)[number];

/** Options for `runAdapterConformance`. */
export interface AdapterConformanceOptions {
  /** Suite name, e.g. `openai chat`. */
  name: string;
  /** Builds the adapter under test, pointed at the wire server's base URL (`server.url`). */
  createAdapter: (baseURL: string) => ModelAdapter;
  /** Starts the provider's wire server. */
  startServer: () => Promise<WireServer>;
  /** Cases this adapter skips, each with the reason (shown in the test name). */
  skip?: Partial<Record<ConformanceCase, string>>;
}

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

const hello: ModelRequest = { messages: [{ role: 'user', content: [{ type: 'text', text: 'Say hello.' }] }] };

function textOf(content: { type: string; text?: string }[]): string {
  return content
    .filter((part) => part.type === 'text')
    .map((part) => part.text)
    .join('');
}

/**
 * Registers the shared adapter conformance suite (vitest `describe`/`it`) for one adapter
 * against its wire server: text, tools, streaming, the tool loop, structured output, usage,
 * each error class, abort mid-stream, cut and malformed streams, slow responses. Like
 * hono's common router tests, an adapter that cannot support a case skips it with a reason.
 */
export function runAdapterConformance(options: AdapterConformanceOptions): void {
  describe(`${options.name} — adapter conformance`, () => {
    let server: WireServer;
    let adapter: ModelAdapter;

    beforeAll(async () => {
      server = await options.startServer();
      adapter = options.createAdapter(server.url);
    });
    afterAll(async () => {
      await server?.close();
    });
    beforeEach(() => {
      server.reset();
    });

    const test = (name: ConformanceCase, body: () => Promise<void>) => {
      const reason = options.skip?.[name];
      if (reason !== undefined) it.skip(`${name} (skipped: ${reason})`, body);
      else it(name, body);
    };

    test('text', async () => {
      server.enqueue(textScenario('Hello, world!'));
      const result = await adapter.generate(hello);
      expect(textOf(result.content)).toBe('Hello, world!');
      expect(result.finishReason.unified).toBe('stop');
      expect(result.finishReason.raw).toBeTypeOf('string');
      expect(server.requests).toHaveLength(1);
    });

    test('text-stream', async () => {
      server.enqueue(textScenario('Hello there, streaming world!'));
      const { parts, text, error, finish } = await collectStream(adapter.stream(hello));
      expect(error).toBeUndefined();
      expect(text).toBe('Hello there, streaming world!');
      expect(parts.filter((part) => part.type === 'text-delta').length).toBeGreaterThan(1);
      expect(parts.at(-1)?.type).toBe('finish');
      expect(finish?.finishReason.unified).toBe('stop');
    });

    test('tool-calls', async () => {
      server.enqueue(
        toolCallsScenario([
          { name: 'get_weather', arguments: { city: 'Paris' } },
          { name: 'get_weather', arguments: { city: 'Tokyo' } },
        ]),
      );
      const result = await adapter.generate({ ...hello, tools: [weatherTool] });
      const calls = result.content.filter((part) => part.type === 'tool-call');
      expect(calls.map((call) => [call.toolName, call.input])).toEqual([
        ['get_weather', { city: 'Paris' }],
        ['get_weather', { city: 'Tokyo' }],
      ]);
      expect(new Set(calls.map((call) => call.toolCallId)).size).toBe(2);
      expect(result.finishReason.unified).toBe('tool-calls');
    });

    test('tool-calls-stream', async () => {
      server.enqueue(
        toolCallsScenario(
          [
            { name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } },
            { name: 'get_weather', arguments: { city: 'Tokyo', unit: 'celsius' } },
          ],
          { argumentsChunkSize: 5 },
        ),
      );
      const { parts, error, finish } = await collectStream(
        adapter.stream({ ...hello, tools: [weatherTool] }),
      );
      expect(error).toBeUndefined();
      const calls = parts.filter((part) => part.type === 'tool-call');
      expect(calls.map((call) => call.input)).toEqual([
        { city: 'Paris', unit: 'celsius' },
        { city: 'Tokyo', unit: 'celsius' },
      ]);
      for (const call of calls) {
        const fragments = parts
          .filter((part) => part.type === 'tool-call-delta' && part.toolCallId === call.toolCallId)
          .map((part) => (part.type === 'tool-call-delta' ? part.argumentsDelta : ''))
          .join('');
        if (fragments !== '') expect(JSON.parse(fragments)).toEqual(call.input);
      }
      expect(finish?.finishReason.unified).toBe('tool-calls');
    });

    test('tool-loop', async () => {
      server.enqueue(
        toolCallsScenario([{ id: 'call_loop_1', name: 'get_weather', arguments: { city: 'Paris' } }]),
        textScenario('It is sunny in Paris.'),
      );
      const first = await adapter.generate({ ...hello, tools: [weatherTool] });
      const call = first.content.find((part) => part.type === 'tool-call');
      expect(call).toBeDefined();
      if (call?.type !== 'tool-call') return;
      const second = await adapter.generate({
        tools: [weatherTool],
        messages: [
          ...hello.messages,
          { role: 'assistant', content: first.content },
          {
            role: 'tool',
            content: [
              {
                type: 'tool-result',
                toolCallId: call.toolCallId,
                toolName: call.toolName,
                output: { temperatureC: 21 },
              },
            ],
          },
        ],
      });
      expect(textOf(second.content)).toBe('It is sunny in Paris.');
      const sent = server.requests[1]?.rawBody ?? '';
      expect(sent).toContain(call.toolCallId);
      expect(sent).toContain('temperatureC');
      expect(sent).toContain('21');
    });

    test('structured-output', async () => {
      server.enqueue(textScenario('{"city":"Paris","temperatureC":21}'));
      const schema = {
        type: 'object',
        properties: { city: { type: 'string' }, temperatureC: { type: 'number' } },
        required: ['city', 'temperatureC'],
        additionalProperties: false,
      };
      const result = await adapter.generate({
        ...hello,
        responseFormat: { type: 'json', name: 'weather', schema },
      });
      expect(JSON.parse(textOf(result.content))).toEqual({ city: 'Paris', temperatureC: 21 });
      expect(server.requests[0]?.rawBody).toContain('temperatureC');
    });

    test('usage', async () => {
      server.enqueue(
        textScenario('Counted.', { usage: { inputTokens: 31, outputTokens: 9 } }),
        textScenario('Counted.', { usage: { inputTokens: 31, outputTokens: 9 } }),
      );
      const result = await adapter.generate(hello);
      expect(result.usage).toMatchObject({ inputTokens: 31, outputTokens: 9 });
      const { finish } = await collectStream(adapter.stream(hello));
      expect(finish?.usage).toMatchObject({ inputTokens: 31, outputTokens: 9 });
    });

    test('usage-details', async () => {
      const usage = { inputTokens: 40, outputTokens: 12, cachedInputTokens: 16, reasoningTokens: 5 };
      server.enqueue(textScenario('Cached.', { usage }), textScenario('Cached.', { usage }));
      const result = await adapter.generate(hello);
      expect(result.usage).toMatchObject(usage);
      const { finish } = await collectStream(adapter.stream(hello));
      expect(finish?.usage).toMatchObject(usage);
    });

    test('finish-length', async () => {
      server.enqueue(textScenario('Truncat', { finishReason: 'length' }));
      const result = await adapter.generate({ ...hello, maxOutputTokens: 2 });
      expect(result.finishReason.unified).toBe('length');
    });

    test('invalid-request', async () => {
      server.enqueue(errorScenario(400, { message: 'Unsupported parameter.' }));
      const error = await adapter.generate(hello).catch((e: unknown) => e);
      expect(InvalidRequestError.isInstance(error)).toBe(true);
      expect((error as BatonError).retryable).toBe(false);
      expect((error as BatonError).provider?.status).toBe(400);
    });

    test('authentication', async () => {
      server.enqueue(errorScenario(401));
      const error = await adapter.generate(hello).catch((e: unknown) => e);
      expect(AuthenticationError.isInstance(error)).toBe(true);
      expect((error as BatonError).provider?.status).toBe(401);
    });

    test('rate-limit', async () => {
      server.enqueue(rateLimitScenario({ retryAfterSeconds: 2 }));
      const error = await adapter.generate(hello).catch((e: unknown) => e);
      expect(RateLimitError.isInstance(error)).toBe(true);
      expect((error as RateLimitError).retryable).toBe(true);
      expect((error as RateLimitError).retryAfterMs).toBe(2000);
    });

    test('server-error', async () => {
      server.enqueue(serverErrorScenario(500), serverErrorScenario(503));
      for (const status of [500, 503]) {
        const error = await adapter.generate(hello).catch((e: unknown) => e);
        expect(ProviderUnavailableError.isInstance(error)).toBe(true);
        expect((error as BatonError).retryable).toBe(true);
        expect((error as BatonError).provider?.status).toBe(status);
      }
    });

    test('retry-after', async () => {
      server.enqueue(rateLimitScenario({ retryAfterSeconds: 2 }), textScenario('Recovered.'));
      const waits: number[] = [];
      const retrying = withRetry(adapter, {
        sleep: async (ms) => {
          waits.push(ms);
        },
      });
      const result = await retrying.generate(hello);
      expect(textOf(result.content)).toBe('Recovered.');
      expect(waits).toEqual([2000]);
      expect(server.requests).toHaveLength(2);
    });

    test('retry-stream', async () => {
      server.enqueue(serverErrorScenario(503), textScenario('Streamed after a retry.'));
      let retries = 0;
      const retrying = withRetry(adapter, { sleep: async () => {}, onRetry: () => retries++ });
      const { text, error, finish } = await collectStream(retrying.stream(hello));
      expect(error).toBeUndefined();
      expect(text).toBe('Streamed after a retry.');
      expect(finish).toBeDefined();
      expect(retries).toBe(1);
    });

    test('abort-mid-stream', async () => {
      server.enqueue(textScenario('one two three four five six seven eight', { chunkDelayMs: 25 }));
      const controller = new AbortController();
      const { parts, error, finish } = await collectStream(
        adapter.stream(hello, { signal: controller.signal }),
        (part) => {
          if (part.type === 'text-delta') controller.abort();
        },
      );
      expect(parts.some((part) => part.type === 'text-delta')).toBe(true);
      expect(finish).toBeUndefined();
      expect(CancelledError.isInstance(error)).toBe(true);
    });

    test('cut-stream', async () => {
      server.enqueue(cutStreamScenario('one two three four five six', 2));
      const { error, finish } = await collectStream(adapter.stream(hello));
      expect(finish).toBeUndefined();
      expect(ProviderUnavailableError.isInstance(error)).toBe(true);
      expect((error as BatonError).retryable).toBe(true);
    });

    test('cut-response', async () => {
      server.enqueue(cutStreamScenario('one two three'));
      const error = await adapter.generate(hello).catch((e: unknown) => e);
      expect(ProviderUnavailableError.isInstance(error)).toBe(true);
      expect((error as BatonError).retryable).toBe(true);
    });

    test('malformed-event', async () => {
      server.enqueue(malformedEventScenario({ text: 'Partial' }));
      const { error, finish } = await collectStream(adapter.stream(hello));
      expect(finish).toBeUndefined();
      expect(BatonError.isInstance(error)).toBe(true);
    });

    test('slow-response', async () => {
      server.enqueue(slowScenario(40, textScenario('Worth the wait.')));
      const result = await adapter.generate(hello);
      expect(textOf(result.content)).toBe('Worth the wait.');
    });
  });
}
