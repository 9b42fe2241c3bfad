import { startAnthropicWireServer, textScenario } from '@baton/testing';
import { expect, it } from 'vitest';
import { createAnthropic } from '../src/index.js';

it('the README offline example answers from the wire server', async () => {
  const server = await startAnthropicWireServer({ scenarios: [textScenario('Hello!')] });
  const model = createAnthropic({ apiKey: 'test', baseURL: `${server.url}/v1` }).messages('claude-haiku-4-5');
  const result = await model.generate({
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
  });
  expect(result.content).toEqual([{ type: 'text', text: 'Hello!' }]);
  await server.close();
});

it('the README online example fails clearly without a key (no request is sent)', async () => {
  const model = createAnthropic({ env: {} }).messages('claude-sonnet-4-5');
  await expect(
    model.generate({ messages: [{ role: 'user', content: [{ type: 'text', text: 'Say hello.' }] }] }),
  ).rejects.toThrow(/ANTHROPIC_API_KEY/);
});
