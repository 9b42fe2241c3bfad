import { startOllamaWireServer, textScenario } from '@baton/testing';
import { expect, it } from 'vitest';
import { createOllama, createOpenAICompatible } from '../src/index.js';

it('the README offline example answers from the wire server', async () => {
  const server = await startOllamaWireServer({
    scenarios: [textScenario('Hello!'), textScenario('Hi from /v1')],
  });
  const model = createOllama({ baseURL: server.url }).chat('llama3.2');
  const result = await model.generate({
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
  });
  expect(result.content).toEqual([{ type: 'text', text: 'Hello!' }]);
  const compatible = createOpenAICompatible({ baseURL: `${server.url}/v1`, name: 'vllm' }).chat(
    'Qwen/Qwen3-8B',
  );
  expect((await compatible.generate({ messages: [] })).content).toEqual([
    { type: 'text', text: 'Hi from /v1' },
  ]);
  await server.close();
});
