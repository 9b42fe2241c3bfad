import { describe, expect, it } from 'vitest';
import { convertToOllamaChatMessages } from '../src/convert-to-ollama-chat-messages.js';

describe('convertToOllamaChatMessages', () => {
  it('converts a tool-loop conversation with images', () => {
    expect(
      convertToOllamaChatMessages([
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this picture, and the weather?' },
            { type: 'file', mediaType: 'image/png', data: 'data:image/png;base64,iVBOR' },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'tool-call', toolCallId: 'call_1', toolName: 'get_weather', input: { city: 'Paris' } },
          ],
        },
        {
          role: 'tool',
          content: [
            { type: 'tool-result', toolCallId: 'call_1', toolName: 'get_weather', output: { c: 21 } },
          ],
        },
      ]),
    ).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'What is in this picture, and the weather?', images: ['iVBOR'] },
      {
        role: 'assistant',
        content: '',
        tool_calls: [{ id: 'call_1', function: { name: 'get_weather', arguments: { city: 'Paris' } } }],
      },
      { role: 'tool', content: '{"c":21}', tool_name: 'get_weather', tool_call_id: 'call_1' },
    ]);
  });

  it('rejects image URLs and other files with a clear error', () => {
    expect(() =>
      convertToOllamaChatMessages([
        { role: 'user', content: [{ type: 'file', mediaType: 'application/pdf', data: 'x' }] },
      ]),
    ).toThrow(/unsupported user content application\/pdf/);
  });
});
