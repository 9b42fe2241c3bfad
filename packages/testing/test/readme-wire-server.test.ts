import { expect, it } from 'vitest';
import { startOpenAIWireServer, textScenario } from '../src/index.js';

it('the README wire-server example answers and records the request', async () => {
  const server = await startOpenAIWireServer({ scenarios: [textScenario('Hello!')] });
  const response = await fetch(`${server.url}/v1/chat/completions`, {
    method: 'POST',
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
  });
  const body = (await response.json()) as { choices: { message: { content: string } }[] };
  expect(body.choices[0]!.message.content).toBe('Hello!');
  expect(server.requests[0]!.body).toEqual({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Hi' }],
  });
  await server.close();
});
