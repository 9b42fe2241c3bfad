import {
  BEDROCK_TEST_API_KEY,
  BEDROCK_TEST_CREDENTIALS,
  errorScenario,
  startBedrockWireServer,
  textScenario,
  toolCallsScenario,
} from '@baton/testing';
import { describe, expect, it } from 'vitest';
import { useChatHarness } from './helpers/chat-harness.js';

const awsEnv: NodeJS.ProcessEnv = {
  AWS_ACCESS_KEY_ID: BEDROCK_TEST_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: BEDROCK_TEST_CREDENTIALS.secretAccessKey,
  AWS_REGION: 'us-east-1',
};

const harness = useChatHarness({
  start: startBedrockWireServer,
  provider: 'bedrock',
  model: 'anthropic.claude-haiku-4-5-20251001-v1:0',
  env: awsEnv,
});
const chat = harness.chat;

describe('baton chat --provider bedrock', () => {
  it('prints the contract JSON from a SigV4-verified call', async () => {
    harness.server.enqueue(textScenario('Hello.', { usage: { inputTokens: 10, outputTokens: 2 } }));
    const { code, stdout } = await chat(['--json', 'Say hello']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      text: 'Hello.',
      toolCalls: [],
      usage: { inputTokens: 10, outputTokens: 2 },
      finishReason: 'stop',
      steps: 1,
    });
    expect(harness.server.requests[0]!.path).toBe(
      '/model/anthropic.claude-haiku-4-5-20251001-v1%3A0/converse',
    );
  });

  it('runs the streamed tool loop, answering with toolResult blocks', async () => {
    harness.server.enqueue(
      toolCallsScenario([{ id: 'tooluse_1', name: 'get_weather', arguments: { city: 'Paris' } }]),
      textScenario('Sunny, 21C.'),
    );
    const { code, stdout } = await chat(['--tools', 'tools.json', '--stream', '--json', 'Weather?']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      text: 'Sunny, 21C.',
      toolCalls: [{ id: 'tooluse_1', name: 'get_weather', arguments: { city: 'Paris' } }],
      steps: 2,
    });
    const second = harness.server.requests[1]!.body as { messages: { role: string; content: unknown[] }[] };
    expect(second.messages.at(-1)).toEqual({
      role: 'user',
      content: [
        {
          toolResult: {
            toolUseId: 'tooluse_1',
            content: [{ json: { temperatureC: 21 } }],
            status: 'success',
          },
        },
      ],
    });
  });

  it('prints { error } with the exception name for a bad signature, without retrying', async () => {
    harness.server.enqueue(textScenario('unused'));
    const { code, stdout } = await chat(['--json', 'Hi'], { ...awsEnv, AWS_SECRET_ACCESS_KEY: 'wrong' });
    expect(code).toBe(1);
    expect(JSON.parse(stdout).error).toMatchObject({ status: 403, type: 'InvalidSignatureException' });
    expect(harness.server.requests).toHaveLength(1);
  });

  it('prints ValidationException for a 400', async () => {
    harness.server.enqueue(
      errorScenario(400, {
        message: 'The model returned the following errors: messages: roles must alternate',
      }),
    );
    const { code, stdout } = await chat(['--json', 'Hi']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).error).toMatchObject({
      status: 400,
      type: 'ValidationException',
      message: expect.stringContaining('roles must alternate'),
    });
  });

  it('sends --api-key as a Bedrock API key (bearer) instead of signing', async () => {
    harness.server.enqueue(textScenario('Keyed.'));
    const { code, stdout } = await chat(['--api-key', BEDROCK_TEST_API_KEY, '--json', 'Hi'], {
      AWS_REGION: 'us-east-1',
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).text).toBe('Keyed.');
    expect(harness.server.requests[0]!.headers.authorization).toBe(`Bearer ${BEDROCK_TEST_API_KEY}`);
  });

  it('names the AWS variables when no credentials are set', async () => {
    const { code, stdout } = await chat(['--json', 'Hi'], { AWS_REGION: 'us-east-1' });
    expect(code).toBe(1);
    expect(JSON.parse(stdout).error.message).toContain('AWS_ACCESS_KEY_ID');
    expect(harness.server.requests).toHaveLength(0);
  });
});
