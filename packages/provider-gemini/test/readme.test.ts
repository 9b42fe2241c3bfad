import { startGeminiWireServer, textScenario } from '@baton/testing';
import { expect, it } from 'vitest';
import { createGemini } from '../src/index.js';

it('the README offline example answers from the wire server', async () => {
  const server = await startGeminiWireServer({ scenarios: [textScenario('Hello!')] });
  const model = createGemini({ apiKey: 'test', baseURL: `${server.url}/v1beta` })('gemini-2.5-flash');
  const result = await model.generate({
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
  });
  expect(result.content).toEqual([{ type: 'text', text: 'Hello!' }]);
  await server.close();
});

it('the README online example fails clearly without a key (no request is sent)', async () => {
  const model = createGemini({ env: {} })('gemini-2.5-flash');
  await expect(
    model.generate({ messages: [{ role: 'user', content: [{ type: 'text', text: 'Say hello.' }] }] }),
  ).rejects.toThrow(/GEMINI_API_KEY/);
});
