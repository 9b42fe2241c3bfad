import { parseSse, postJson } from '@baton/provider-utils';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenAIWireServer } from '../../src/wire/openai-wire-server.js';
import { rateLimitScenario, textScenario, toolCallsScenario } from '../../src/wire/wire-scenario.js';
import type { WireServer } from '../../src/wire/wire-server.js';

let server: WireServer;
beforeAll(async () => {
  server = await startOpenAIWireServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

async function events(path: string, body: unknown) {
  const response = await postJson({ url: `${server.url}${path}`, body });
  const out: { event?: string; data: string }[] = [];
  for await (const event of parseSse(response.body)) out.push(event);
  return { response, events: out };
}

describe('OpenAI wire server: Chat Completions', () => {
  it('renders a documented chat.completion object', async () => {
    server.enqueue(textScenario('Hi', { usage: { inputTokens: 9, outputTokens: 12, cachedInputTokens: 2 } }));
    const response = await postJson({
      url: `${server.url}/v1/chat/completions`,
      body: { model: 'gpt-4o-mini', messages: [] },
    });
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(
      ['choices', 'created', 'id', 'model', 'object', 'service_tier', 'system_fingerprint', 'usage'].sort(),
    );
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hi', refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 9,
        completion_tokens: 12,
        total_tokens: 21,
        prompt_tokens_details: { cached_tokens: 2, audio_tokens: 0 },
        completion_tokens_details: {
          reasoning_tokens: 0,
          audio_tokens: 0,
          accepted_prediction_tokens: 0,
          rejected_prediction_tokens: 0,
        },
      },
    });
    expect(response.headers['x-request-id']).toMatch(/^req_/);
    expect(response.headers['x-ratelimit-remaining-tokens']).toBeDefined();
  });

  it('streams chunks with usage: null, a usage-only final chunk and [DONE]', async () => {
    server.enqueue(toolCallsScenario([{ id: 'call_1', name: 'f', arguments: { a: 1 } }]));
    const { events: out } = await events('/v1/chat/completions', {
      model: 'm',
      messages: [],
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(out.at(-1)!.data).toBe('[DONE]');
    const chunks = out.slice(0, -1).map((e) => JSON.parse(e.data));
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '', refusal: null });
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 12 } });
    expect(chunks[1].choices[0].delta.tool_calls[0]).toEqual({
      index: 0,
      id: 'call_1',
      type: 'function',
      function: { name: 'f', arguments: '' },
    });
    expect(chunks.at(-2).choices[0].finish_reason).toBe('tool_calls');
  });

  it('omits usage without include_usage', async () => {
    server.enqueue(textScenario('Hi'));
    const { events: out } = await events('/v1/chat/completions', { model: 'm', messages: [], stream: true });
    const chunks = out.slice(0, -1).map((e) => JSON.parse(e.data));
    expect(chunks.every((c) => !('usage' in c))).toBe(true);
  });

  it('429 carries retry-after, retry-after-ms and the documented error body', async () => {
    server.enqueue(rateLimitScenario({ retryAfterSeconds: 2, retryAfterMs: 1500 }));
    const response = await postJson({
      url: `${server.url}/v1/chat/completions`,
      body: { model: 'm', messages: [] },
    });
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('2');
    expect(response.headers['retry-after-ms']).toBe('1500');
    expect(await response.json()).toEqual({
      error: {
        message: 'Rate limit reached for requests',
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      },
    });
  });
});

describe('OpenAI wire server: Responses', () => {
  it('renders a documented response object with function_call items', async () => {
    server.enqueue(toolCallsScenario([{ id: 'call_1', name: 'f', arguments: { a: 1 } }]));
    const response = await postJson({
      url: `${server.url}/v1/responses`,
      body: { model: 'gpt-4.1', input: 'x' },
    });
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      object: 'response',
      status: 'completed',
      error: null,
      incomplete_details: null,
      model: 'gpt-4.1',
      output: [
        { type: 'function_call', status: 'completed', arguments: '{"a":1}', call_id: 'call_1', name: 'f' },
      ],
      usage: {
        input_tokens: 12,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens_details: { reasoning_tokens: 0 },
      },
    });
    expect((body.output as { id: string }[])[0]!.id).toMatch(/^fc_/);
  });

  it('streams named events with increasing sequence numbers ending in response.completed', async () => {
    server.enqueue(textScenario('Hello world'));
    const { events: out } = await events('/v1/responses', { model: 'm', input: 'x', stream: true });
    const types = out.map((e) => e.event);
    expect(types[0]).toBe('response.created');
    expect(types).toContain('response.output_text.delta');
    expect(types.at(-1)).toBe('response.completed');
    const payloads = out.map((e) => JSON.parse(e.data));
    payloads.forEach((p, i) => {
      expect(p.type).toBe(types[i]);
      expect(p.sequence_number).toBe(i);
    });
    expect(payloads.at(-1).response.output[0].content[0]).toMatchObject({
      type: 'output_text',
      text: 'Hello world',
    });
  });
});
