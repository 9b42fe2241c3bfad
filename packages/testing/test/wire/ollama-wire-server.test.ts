import { parseNdjson, postJson } from '@baton/provider-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOllamaWireServer } from '../../src/wire/ollama-wire-server.js';
import { textScenario, toolCallsScenario } from '../../src/wire/wire-scenario.js';
import type { WireServer } from '../../src/wire/wire-server.js';

let server: WireServer;
beforeAll(async () => {
  server = await startOllamaWireServer();
});
afterAll(() => server.close());

describe('Ollama wire server', () => {
  it('streams NDJSON by default, ending with a done line carrying the counts', async () => {
    server.enqueue(textScenario('Hi there', { usage: { inputTokens: 26, outputTokens: 2 } }));
    const response = await postJson({
      url: `${server.url}/api/chat`,
      body: { model: 'llama3.2', messages: [] },
    });
    expect(response.headers['content-type']).toBe('application/x-ndjson');
    const lines = [];
    for await (const line of parseNdjson(response.body)) lines.push(line as Record<string, unknown>);
    expect(
      lines
        .slice(0, -1)
        .map((l) => (l.message as { content: string }).content)
        .join(''),
    ).toBe('Hi there');
    expect(lines.at(-1)).toMatchObject({
      done: true,
      done_reason: 'stop',
      prompt_eval_count: 26,
      eval_count: 2,
      model: 'llama3.2',
    });
  });

  it('answers stream: false with one object and tool calls with object arguments', async () => {
    server.enqueue(toolCallsScenario([{ name: 'get_weather', arguments: { city: 'Paris' } }]));
    const response = await postJson({
      url: `${server.url}/api/chat`,
      body: { model: 'm', messages: [], stream: false },
    });
    const body = (await response.json()) as { message: { tool_calls: unknown[] }; done: boolean };
    expect(body.done).toBe(true);
    expect(body.message.tool_calls).toEqual([
      {
        id: expect.stringMatching(/^call_/),
        function: { index: 0, name: 'get_weather', arguments: { city: 'Paris' } },
      },
    ]);
  });

  it('serves the OpenAI-compatible /v1/chat/completions too', async () => {
    server.enqueue(textScenario('compat'));
    const response = await postJson({
      url: `${server.url}/v1/chat/completions`,
      body: { model: 'm', messages: [] },
    });
    expect(((await response.json()) as { object: string }).object).toBe('chat.completion');
  });
});
