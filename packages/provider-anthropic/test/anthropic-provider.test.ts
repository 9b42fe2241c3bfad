import { startAnthropicWireServer, textScenario } from '@baton/testing';
import { describe, expect, it } from 'vitest';
import { anthropicProvider, createAnthropic } from '../src/index.js';

describe('createAnthropic', () => {
  it('makes the same Messages adapter by call, .messages and .languageModel', () => {
    const provider = createAnthropic({ apiKey: 'k' });
    for (const adapter of [
      provider('claude-x'),
      provider.messages('claude-x'),
      provider.languageModel('claude-x'),
    ]) {
      expect(adapter).toMatchObject({
        specificationVersion: 'v1',
        provider: 'anthropic',
        modelId: 'claude-x',
      });
    }
    expect(anthropicProvider({ apiKey: 'k' })('claude-y')).toMatchObject({
      provider: 'anthropic',
      modelId: 'claude-y',
    });
  });

  it('trims a trailing slash and reads ANTHROPIC_BASE_URL', async () => {
    const server = await startAnthropicWireServer({ respond: () => textScenario('ok') });
    const ask = { messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Hi' }] }] };
    await createAnthropic({ apiKey: 'k', baseURL: `${server.url}/v1/` })('claude-x').generate(ask);
    await createAnthropic({ env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: `${server.url}/v1` } })(
      'claude-x',
    ).generate(ask);
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/messages', '/v1/messages']);
    await server.close();
  });
});
