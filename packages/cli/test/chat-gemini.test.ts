import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  errorScenario,
  rateLimitScenario,
  startGeminiWireServer,
  textScenario,
  toolCallsScenario,
  type WireServer,
} from '@baton/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

let server: WireServer;
let dir: string;
beforeAll(async () => {
  server = await startGeminiWireServer();
  dir = await mkdtemp(join(tmpdir(), 'baton-chat-gemini-'));
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

const chat = (args: string[], env: NodeJS.ProcessEnv = { GEMINI_API_KEY: 'gm-test' }) =>
  runCli(
    [
      'chat',
      '--provider',
      'gemini',
      '--model',
      'gemini-2.5-flash',
      '--base-url',
      `${server.url}/v1beta`,
      ...args,
    ],
    { env, cwd: dir },
  );

describe('baton chat --provider gemini', () => {
  it('prints the contract JSON', async () => {
    server.enqueue(
      textScenario('Hello.', { usage: { inputTokens: 9, outputTokens: 7, reasoningTokens: 5 } }),
    );
    const { code, stdout } = await chat(['--json', 'Say hello']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      text: 'Hello.',
      toolCalls: [],
      usage: { inputTokens: 9, outputTokens: 7 },
      finishReason: 'stop',
      steps: 1,
    });
    expect(server.requests[0]!.headers['x-goog-api-key']).toBe('gm-test');
  });

  it('runs the tool loop, answering with functionResponse parts', async () => {
    server.enqueue(
      toolCallsScenario([{ name: 'get_weather', arguments: { city: 'Paris' } }]),
      textScenario('Sunny, 21C.'),
    );
    const { code, stdout } = await chat(['--tools', 'tools.json', '--stream', '--json', 'Weather?']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({
      text: 'Sunny, 21C.',
      toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }],
      steps: 2,
    });
    const second = server.requests[1]!.body as { contents: { role: string; parts: unknown[] }[] };
    expect(second.contents.at(-1)).toEqual({
      role: 'user',
      parts: [{ functionResponse: { name: 'get_weather', response: { output: { temperatureC: 21 } } } }],
    });
  });

  it('retries RESOURCE_EXHAUSTED honouring RetryInfo, then succeeds', async () => {
    server.enqueue(rateLimitScenario({ retryAfterSeconds: 0 }), textScenario('Back.'));
    const { code, stdout } = await chat(['--json', 'Hi']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).text).toBe('Back.');
    expect(server.requests).toHaveLength(2);
  });

  it('prints { error } with the google.rpc status for a 400, without retrying', async () => {
    server.enqueue(errorScenario(400, { message: 'Invalid JSON payload received.' }), textScenario('unused'));
    const { code, stdout } = await chat(['--json', 'Hi']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).error).toMatchObject({
      status: 400,
      type: 'INVALID_ARGUMENT',
      message: expect.stringContaining('Invalid JSON payload'),
    });
    expect(server.requests).toHaveLength(1);
  });

  it('falls back to GOOGLE_API_KEY', async () => {
    server.enqueue(textScenario('ok'));
    const { code } = await chat(['--json', 'Hi'], { GOOGLE_API_KEY: 'g-key' });
    expect(code).toBe(0);
    expect(server.requests[0]!.headers['x-goog-api-key']).toBe('g-key');
  });
});
