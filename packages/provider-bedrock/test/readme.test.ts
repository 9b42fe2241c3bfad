import { BEDROCK_TEST_CREDENTIALS, startBedrockWireServer, textScenario } from '@baton/testing';
import { expect, it } from 'vitest';
import { createBedrock } from '../src/index.js';

it('the README offline example answers from the wire server', async () => {
  const server = await startBedrockWireServer({ scenarios: [textScenario('Hello!')] });
  const bedrock = createBedrock({ baseURL: server.url, region: 'us-east-1', ...BEDROCK_TEST_CREDENTIALS });
  const result = await bedrock('amazon.nova-lite-v1:0').generate({
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
  });
  expect(result.content).toEqual([{ type: 'text', text: 'Hello!' }]);
  await server.close();
});

it('the README online example fails clearly without credentials (no request is sent)', async () => {
  const model = createBedrock({ env: { AWS_REGION: 'us-east-1' } })(
    'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
  );
  await expect(
    model.generate({ messages: [{ role: 'user', content: [{ type: 'text', text: 'Say hello.' }] }] }),
  ).rejects.toThrow(/AWS_ACCESS_KEY_ID/);
});
