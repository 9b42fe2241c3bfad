import { collectStream, jsonReply, sseReply, startWireServer, textScenario } from '@baton/testing';
import { expect, it } from 'vitest';
import { createAnthropic } from '../src/index.js';

const ask = { messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Hi' }] }] };
const redacted = 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP';

it('returns redacted_thinking as reasoning with no text and its payload, generated and streamed', async () => {
  const message = {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-x',
    content: [
      { type: 'redacted_thinking', data: redacted },
      { type: 'text', text: 'Done.' },
    ],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 5, output_tokens: 9 },
  };
  const event = (type: string, payload: Record<string, unknown>) => ({
    event: type,
    data: JSON.stringify({ type, ...payload }),
  });
  const server = await startWireServer({
    routes: [
      {
        path: '/v1/messages',
        reply: (request) =>
          (request.body as { stream?: boolean }).stream
            ? sseReply([
                event('message_start', { message: { ...message, content: [], stop_reason: null } }),
                event('content_block_start', {
                  index: 0,
                  content_block: { type: 'redacted_thinking', data: redacted },
                }),
                event('content_block_stop', { index: 0 }),
                event('content_block_start', { index: 1, content_block: { type: 'text', text: '' } }),
                event('content_block_delta', { index: 1, delta: { type: 'text_delta', text: 'Done.' } }),
                event('content_block_stop', { index: 1 }),
                event('message_delta', {
                  delta: { stop_reason: 'end_turn', stop_sequence: null },
                  usage: { output_tokens: 9 },
                }),
                event('message_stop', {}),
              ])
            : jsonReply(200, message),
      },
    ],
    respond: () => textScenario('unused'),
  });
  const model = createAnthropic({ apiKey: 'k', baseURL: `${server.url}/v1` })('claude-x');
  const result = await model.generate(ask);
  expect(result.content).toEqual([
    { type: 'reasoning', text: '', signature: redacted },
    { type: 'text', text: 'Done.' },
  ]);
  const { parts, text } = await collectStream(model.stream(ask));
  expect(parts[0]).toEqual({ type: 'reasoning-delta', delta: '', signature: redacted });
  expect(text).toBe('Done.');
  await server.close();
});
