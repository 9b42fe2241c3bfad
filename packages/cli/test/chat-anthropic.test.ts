import {
  errorScenario,
  rateLimitScenario,
  startAnthropicWireServer,
  textScenario,
  toolCallsScenario,
} from '@baton/testing';
import { describe, expect, it } from 'vitest';
import { useChatHarness } from './helpers/chat-harness.js';

const harness = useChatHarness({
  start: startAnthropicWireServer,
  provider: 'anthropic',
  model: 'claude-sonnet-4-5',
  basePath: '/v1',
  env: { ANTHROPIC_API_KEY: 'sk-ant-test' },
});
const chat = harness.chat;

describe('baton chat --provider anthropic', () => {
  it('prints the contract JSON, with usage including cache reads', async () => {
    harness.server.enqueue(
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
    expect(harness.server.requests[0]!.headers['x-api-key']).toBe('sk-ant-test');
    expect(harness.server.requests[0]!.body).toMatchObject({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      system: 'Be brief.',
    });
  });

  it('runs the tool loop, answering with tool_result blocks', async () => {
    harness.server.enqueue(
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
    const second = harness.server.requests[1]!.body as { messages: { role: string; content: unknown[] }[] };
    expect(second.messages.at(-1)).toEqual({
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '{"temperatureC":21}' }],
    });
  });

  it('retries 529 overloaded, then succeeds', async () => {
    harness.server.enqueue(rateLimitScenario({ status: 529, retryAfterSeconds: 0 }), textScenario('Back.'));
    const { code, stdout } = await chat(['--json', 'Hi']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).text).toBe('Back.');
    expect(harness.server.requests).toHaveLength(2);
  });

  it('prints { error } with status and the Anthropic error type for a 401, without retrying', async () => {
    harness.server.enqueue(errorScenario(401), textScenario('unused'));
    const { code, stdout } = await chat(['--json', 'Hi']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).error).toMatchObject({ status: 401, type: 'authentication_error' });
    expect(harness.server.requests).toHaveLength(1);
  });

  it('names ANTHROPIC_API_KEY when no key is configured', async () => {
    const { code, stdout } = await chat(['--json', 'Hi'], {});
    expect(code).toBe(1);
    expect(JSON.parse(stdout).error.message).toContain('ANTHROPIC_API_KEY');
    expect(harness.server.requests).toHaveLength(0);
  });
});
