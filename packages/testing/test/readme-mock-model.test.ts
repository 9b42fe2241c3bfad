import { describe, expect, it, vi } from 'vitest';
import { createMockModel } from '../src/index.js';

describe('README: mock model', () => {
  it('runs the example', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    // --- README example ---
    const model = createMockModel({
      responses: [{ toolCalls: [{ toolName: 'search', input: { query: 'pricing' } }] }, 'Pricing rose 5%.'],
    });
    const first = await model.generate({
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What changed?' }] }],
    });
    console.log(first.finishReason.unified); // 'tool-calls'
    // ...run your agent against `model`, then:
    model.expectRequest((request) => request.messages.some((message) => message.role === 'user'));
    // --- end ---
    expect(log).toHaveBeenCalledWith('tool-calls');
    log.mockRestore();
    expect(() => model.assertDone()).toThrow(/1 scripted step\(s\) never consumed/);
    await model.generate({ messages: [] });
    model.assertDone();
  });
});
