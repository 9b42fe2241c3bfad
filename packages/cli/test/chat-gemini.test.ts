import {
  errorScenario,
  rateLimitScenario,
  startGeminiWireServer,
  textScenario,
  toolCallsScenario,
} from '@baton/testing';
import { describe, expect, it } from 'vitest';
import { useChatHarness } from './helpers/chat-harness.js';

const harness = useChatHarness({
  start: startGeminiWireServer,
  provider: 'gemini',
  model: 'gemini-2.5-flash',
  basePath: '/v1beta',
  env: { GEMINI_API_KEY: 'gm-test' },
});
const chat = harness.chat;

describe('baton chat --provider gemini', () => {
  it('prints the contract JSON', async () => {
    harness.server.enqueue(
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
    expect(harness.server.requests[0]!.headers['x-goog-api-key']).toBe('gm-test');
  });

  it('runs the tool loop, answering with functionResponse parts', async () => {
    harness.server.enqueue(
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
    const second = harness.server.requests[1]!.body as { contents: { role: string; parts: unknown[] }[] };
    expect(second.contents.at(-1)).toEqual({
      role: 'user',
      parts: [{ functionResponse: { name: 'get_weather', response: { output: { temperatureC: 21 } } } }],
    });
  });

  it('retries RESOURCE_EXHAUSTED honouring RetryInfo, then succeeds', async () => {
    harness.server.enqueue(rateLimitScenario({ retryAfterSeconds: 0 }), textScenario('Back.'));
    const { code, stdout } = await chat(['--json', 'Hi']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).text).toBe('Back.');
    expect(harness.server.requests).toHaveLength(2);
  });

  it('prints { error } with the google.rpc status for a 400, without retrying', async () => {
    harness.server.enqueue(
      errorScenario(400, { message: 'Invalid JSON payload received.' }),
      textScenario('unused'),
    );
    const { code, stdout } = await chat(['--json', 'Hi']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).error).toMatchObject({
      status: 400,
      type: 'INVALID_ARGUMENT',
      message: expect.stringContaining('Invalid JSON payload'),
    });
    expect(harness.server.requests).toHaveLength(1);
  });

  it('falls back to GOOGLE_API_KEY', async () => {
    harness.server.enqueue(textScenario('ok'));
    const { code } = await chat(['--json', 'Hi'], { GOOGLE_API_KEY: 'g-key' });
    expect(code).toBe(0);
    expect(harness.server.requests[0]!.headers['x-goog-api-key']).toBe('g-key');
  });
});
