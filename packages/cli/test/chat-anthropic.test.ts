import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  errorScenario,
  rateLimitScenario,
  startAnthropicWireServer,
  textScenario,
  toolCallsScenario,
  type WireServer,
} from '@baton/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

let server: WireServer;
let dir: string;
beforeAll(async () => {
  server = await startAnthropicWireServer();
  dir = await mkdtemp(join(tmpdir(), 'baton-chat-anthropic-'));
  await writeFile(
    join(dir, 'tools.json'),
    JSON.stringify([
      {
        name: 'get_weather',
        description: 'Weather for a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        result: { temperatureC: 21 },
      },
    ]),
  );
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const chat = (args: string[], env: NodeJS.ProcessEnv = { ANTHROPIC_API_KEY: 'sk-ant-test' }) =>
  runCli(
    [
      'chat',
      '--provider',
      'anthropic',
      '--model',
      'claude-sonnet-4-5',
      '--base-url',
      `${server.url}/v1`,
      ...args,
    ],
    { env, cwd: dir },
  );

describe('baton chat --provider anthropic', () => {
  it('prints the contract JSON, with usage including cache reads', async () => {
    server.enqueue(
      textScenario('Hello.', { usage: { inputTokens: 30, cachedInputTokens: 20, outputTokens: 2 } }),
    );
    const { code, stdout } = await chat([
      '--system',
      'Be brief.',
      '--max-tokens',
      '100',
      '--json',
      'Say hello',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      text: 'Hello.',
      toolCalls: [],
      usage: { inputTokens: 30, outputTokens: 2 },
      finishReason: 'stop',
      steps: 1,
    });
    expect(server.requests[0]!.headers['x-api-key']).toBe('sk-ant-test');
    expect(server.requests[0]!.body).toMatchObject({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      system: 'Be brief.',
    });
  });

  it('runs the tool loop, answering with tool_result blocks', async () => {
    server.enqueue(
      toolCallsScenario([{ id: 'toolu_1', name: 'get_weather', arguments: { city: 'Paris' } }]),
      textScenario('Sunny, 21C.'),
    );
    const { code, stdout } = await chat(['--tools', 'tools.json', '--stream', '--json', 'Weather?']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      text: 'Sunny, 21C.',
      toolCalls: [{ id: 'toolu_1', name: 'get_weather', arguments: { city: 'Paris' } }],
      steps: 2,
    });
    const second = server.requests[1]!.body as { messages: { role: string; content: unknown[] }[] };
    expect(second.messages.at(-1)).toEqual({
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '{"temperatureC":21}' }],
    });
  });

  it('retries 529 overloaded, then succeeds', async () => {
    server.enqueue(rateLimitScenario({ status: 529, retryAfterSeconds: 0 }), textScenario('Back.'));
    const { code, stdout } = await chat(['--json', 'Hi']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).text).toBe('Back.');
    expect(server.requests).toHaveLength(2);
  });

  it('prints { error } with status and the Anthropic error type for a 401, without retrying', async () => {
    server.enqueue(errorScenario(401), textScenario('unused'));
    const { code, stdout } = await chat(['--json', 'Hi']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).error).toMatchObject({ status: 401, type: 'authentication_error' });
    expect(server.requests).toHaveLength(1);
  });

  it('names ANTHROPIC_API_KEY when no key is configured', async () => {
    const { code, stdout } = await chat(['--json', 'Hi'], {});
    expect(code).toBe(1);
    expect(JSON.parse(stdout).error.message).toContain('ANTHROPIC_API_KEY');
    expect(server.requests).toHaveLength(0);
  });
});
