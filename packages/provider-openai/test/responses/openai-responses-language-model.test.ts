import { type ModelRequest, ProviderUnavailableError } from '@baton/core';
import {
  collectStream,
  sseReply,
  startOpenAIWireServer,
  startWireServer,
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

const model = () =>
  createOpenAI({ apiKey: 'sk-test', baseURL: `${server.url}/v1` }).responses('gpt-4.1-mini');
const weather = {
  name: 'get_weather',
  description: 'Weather for a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('OpenAI responses', () => {
  it('sends the documented body: input items, tools, text.format, max_output_tokens', async () => {
    server.enqueue(textScenario('{"city":"Paris"}'));
    const schema = {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    };
    const request: ModelRequest = {
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Where?' }] },
      ],
      maxOutputTokens: 50,
      temperature: 0,
      tools: [weather],
      toolChoice: 'required',
      responseFormat: { type: 'json', name: 'place', schema },
      providerOptions: { openai: { reasoningEffort: 'low', reasoningSummary: 'auto', store: false } },
    };
    await model().generate(request);
    const sent = server.requests[0]!;
    expect(sent.path).toBe('/v1/responses');
    expect(sent.headers.authorization).toBe('Bearer sk-test');
    expect(sent.body).toEqual({
      model: 'gpt-4.1-mini',
      input: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'input_text', text: 'Where?' }] },
      ],
      max_output_tokens: 50,
      temperature: 0,
      text: { format: { type: 'json_schema', name: 'place', schema, strict: true } },
      tools: [
        {
          type: 'function',
          name: 'get_weather',
          description: 'Weather for a city',
          parameters: weather.inputSchema,
          strict: false,
        },
      ],
      tool_choice: 'required',
      reasoning: { effort: 'low', summary: 'auto' },
      store: false,
    });
  });

  it('maps output items, usage details and reasoning summaries', async () => {
    server.enqueue(
      textScenario('Answer.', {
        reasoning: 'Thinking it through.',
        usage: { inputTokens: 36, outputTokens: 87, cachedInputTokens: 12, reasoningTokens: 40 },
      }),
    );
    const result = await model().generate({ messages: [] });
    expect(result.content).toEqual([
      { type: 'reasoning', text: 'Thinking it through.' },
      { type: 'text', text: 'Answer.' },
    ]);
    expect(result.usage).toMatchObject({
      inputTokens: 36,
      outputTokens: 87,
      cachedInputTokens: 12,
      reasoningTokens: 40,
    });
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'completed' });
    expect(result.responseId).toMatch(/^resp_/);
    expect(result.rateLimit?.limitRequests).toBe(10000);
  });

  it('streams reasoning, text and tool calls with their deltas', async () => {
    server.enqueue(textScenario('Hello world', { reasoning: 'Hmm.' }));
    const text = await collectStream(model().stream({ messages: [] }));
    expect(text.parts.filter((p) => p.type === 'reasoning-delta').length).toBeGreaterThan(0);
    expect(text.text).toBe('Hello world');
    expect(text.finish?.finishReason.unified).toBe('stop');

    server.enqueue(
      toolCallsScenario([
        { id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } },
        { id: 'call_2', name: 'get_weather', arguments: { city: 'Oslo' } },
      ]),
    );
    const tools = await collectStream(model().stream({ messages: [], tools: [weather] }));
    expect(tools.parts.filter((p) => p.type === 'tool-call')).toEqual([
      { type: 'tool-call', toolCallId: 'call_1', toolName: 'get_weather', input: { city: 'Paris' } },
      { type: 'tool-call', toolCallId: 'call_2', toolName: 'get_weather', input: { city: 'Oslo' } },
    ]);
    const fragments = tools.parts
      .filter((p) => p.type === 'tool-call-delta' && p.toolCallId === 'call_2')
      .map((p) => (p.type === 'tool-call-delta' ? p.argumentsDelta : ''))
      .join('');
    expect(JSON.parse(fragments)).toEqual({ city: 'Oslo' });
    expect(tools.finish?.finishReason).toEqual({ unified: 'tool-calls', raw: 'completed' });
  });

  it('length: an incomplete response maps to length', async () => {
    server.enqueue(textScenario('Trunc', { finishReason: 'length' }));
    const { finish } = await collectStream(model().stream({ messages: [] }));
    expect(finish?.finishReason).toEqual({ unified: 'length', raw: 'max_output_tokens' });
  });

  it('a full tool loop: function_call and function_call_output items', async () => {
    server.enqueue(
      toolCallsScenario([{ id: 'call_9', name: 'get_weather', arguments: { city: 'Paris' } }]),
      textScenario('Sunny.'),
    );
    const m = model();
    const user = { role: 'user' as const, content: [{ type: 'text' as const, text: 'Weather?' }] };
    const first = await m.generate({ messages: [user], tools: [weather] });
    await m.generate({
      messages: [
        user,
        { role: 'assistant', content: first.content },
        {
          role: 'tool',
          content: [
            { type: 'tool-result', toolCallId: 'call_9', toolName: 'get_weather', output: 'sunny, 21C' },
          ],
        },
      ],
      tools: [weather],
    });
    expect((server.requests[1]!.body as { input: unknown[] }).input).toEqual([
      { role: 'user', content: [{ type: 'input_text', text: 'Weather?' }] },
      { type: 'function_call', call_id: 'call_9', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { type: 'function_call_output', call_id: 'call_9', output: 'sunny, 21C' },
    ]);
  });

  it('a response.failed event and an error event become typed error parts', async () => {
    const custom = await startWireServer({
      routes: [
        {
          path: '/v1/responses',
          reply: (request) =>
            sseReply(
              (request.body as { metadata?: { mode?: string } }).metadata?.mode === 'failed'
                ? [
                    {
                      event: 'response.created',
                      data: '{"type":"response.created","sequence_number":0,"response":{"id":"resp_1","status":"in_progress","output":[]}}',
                    },
                    {
                      event: 'response.failed',
                      data: '{"type":"response.failed","sequence_number":1,"response":{"id":"resp_1","status":"failed","error":{"code":"server_error","message":"boom"},"output":[]}}',
                    },
                  ]
                : [
                    {
                      event: 'error',
                      data: '{"type":"error","sequence_number":0,"code":"rate_limit_exceeded","message":"slow down","param":null}',
                    },
                  ],
            ),
        },
      ],
      respond: () => textScenario('unused'),
    });
    try {
      const m = createOpenAI({ apiKey: 'k', baseURL: `${custom.url}/v1` }).responses('m');
      const failed = await collectStream(
        m.stream({ messages: [], providerOptions: { openai: { metadata: { mode: 'failed' } } } }),
      );
      expect(ProviderUnavailableError.isInstance(failed.error)).toBe(true);
      expect((failed.error as Error).message).toContain('boom');
      const limited = await collectStream(m.stream({ messages: [] }));
      expect((limited.error as Error).name).toBe('RateLimitError');
    } finally {
      await custom.close();
    }
  });
});
