import { ProviderUnavailableError } from '@baton/core/contracts';
import {
  collectStream,
  malformedEventScenario,
  sseReply,
  startAnthropicWireServer,
  startWireServer,
  textScenario,
} from '@baton/testing';
import { describe, expect, it } from 'vitest';
import { createAnthropic } from '../src/index.js';

const ask = { messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Hi' }] }] };
const event = (type: string, payload: Record<string, unknown>) => ({
  event: type,
  data: JSON.stringify({ type, ...payload }),
});

describe('Anthropic stream events', () => {
  it('skips ping and event types it does not know, and takes cumulative usage from message_delta', async () => {
    const server = await startWireServer({
      routes: [
        {
          path: '/v1/messages',
          reply: () =>
            sseReply([
              event('message_start', {
                message: { id: 'msg_1', model: 'claude-x', usage: { input_tokens: 10, output_tokens: 1 } },
              }),
              event('ping', {}),
              event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
              event('future_event', { anything: true }),
              event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Hi!' } }),
              event('content_block_delta', { index: 0, delta: { type: 'citations_delta', citation: {} } }),
              event('content_block_stop', { index: 0 }),
              event('message_delta', {
                delta: { stop_reason: 'stop_sequence', stop_sequence: 'END' },
                usage: { output_tokens: 7, cache_read_input_tokens: 4 },
              }),
              event('message_stop', {}),
            ]),
        },
      ],
      respond: () => textScenario('unused'),
    });
    const model = createAnthropic({ apiKey: 'k', baseURL: `${server.url}/v1` })('claude-x');
    const { text, finish, error } = await collectStream(model.stream(ask));
    expect(error).toBeUndefined();
    expect(text).toBe('Hi!');
    expect(finish).toMatchObject({
      responseId: 'msg_1',
      modelId: 'claude-x',
      finishReason: { unified: 'stop', raw: 'stop_sequence' },
      usage: { inputTokens: 14, outputTokens: 7, cachedInputTokens: 4 },
      providerMetadata: { anthropic: { stopSequence: 'END' } },
    });
    await server.close();
  });

  it('reports a known event with the wrong shape as a malformed-stream error', async () => {
    const server = await startAnthropicWireServer({
      scenarios: [
        malformedEventScenario({
          text: 'Par',
          payload: '{"type":"content_block_delta","delta":{"type":"text_delta","text":"x"}}',
        }),
      ],
    });
    const model = createAnthropic({ apiKey: 'k', baseURL: `${server.url}/v1` })('claude-x');
    const { text, error, finish } = await collectStream(model.stream(ask));
    expect(text).toBe('Par');
    expect(finish).toBeUndefined();
    expect(ProviderUnavailableError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('malformed stream event');
    await server.close();
  });
});
