import { startOpenAIWireServer, textScenario } from '@baton/testing';
import { expect, it } from 'vitest';
import { createOpenAI } from '../src/index.js';

it('the README offline example answers from the wire server', async () => {
  const server = await startOpenAIWireServer({ scenarios: [textScenario('Hello!')] });
  const model = createOpenAI({ apiKey: 'test', baseURL: `${server.url}/v1` }).chat('gpt-4o-mini');
  const result = await model.generate({
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
  });
  expect(result.content).toEqual([{ type: 'text', text: 'Hello!' }]);
  await server.close();
});

it('the README online example fails clearly without a key (no request is sent)', async () => {
  const model = createOpenAI({ env: {} }).chat('gpt-4o-mini');
  await expect(
    model.generate({ messages: [{ role: 'user', content: [{ type: 'text', text: 'Say hello.' }] }] }),
  ).rejects.toThrow(/OPENAI_API_KEY/);
});
