import { describe, expect, it } from 'vitest';
import { convertToOpenAIChatMessages } from '../../src/chat/convert-to-openai-chat-messages.js';

describe('convertToOpenAIChatMessages', () => {
  it('converts a full tool-loop conversation to the documented shapes', () => {
    expect(
      convertToOpenAIChatMessages([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Tokyo?' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'hidden' },
            { type: 'tool-call', toolCallId: 'call_1', toolName: 'get_weather', input: { city: 'Paris' } },
            { type: 'tool-call', toolCallId: 'call_2', toolName: 'get_weather', input: { city: 'Tokyo' } },
          ],
        },
        {
          role: 'tool',
          content: [
            { type: 'tool-result', toolCallId: 'call_1', toolName: 'get_weather', output: { c: 21 } },
            { type: 'tool-result', toolCallId: 'call_2', toolName: 'get_weather', output: 'rainy' },
          ],
        },
        { role: 'assistant', content: [{ type: 'text', text: 'Sunny, then rainy.' }] },
      ]),
    ).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Weather in Paris and Tokyo?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
          {
            id: 'call_2',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '{"c":21}' },
      { role: 'tool', tool_call_id: 'call_2', content: 'rainy' },
      { role: 'assistant', content: 'Sunny, then rainy.' },
    ]);
  });

  it('sends files as content parts', () => {
    expect(
      convertToOpenAIChatMessages([
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe' },
            { type: 'file', mediaType: 'image/png', data: 'AAAA' },
            { type: 'file', mediaType: 'image/jpeg', data: 'https://example.com/a.jpg' },
            { type: 'file', mediaType: 'application/pdf', data: 'JVBE', filename: 'a.pdf' },
          ],
        },
      ]),
    ).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Describe' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
          { type: 'image_url', image_url: { url: 'https://example.com/a.jpg' } },
          { type: 'file', file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBE' } },
        ],
      },
    ]);
  });

  it('uses the developer role when asked', () => {
    expect(
      convertToOpenAIChatMessages([{ role: 'system', content: 'x' }], { systemRole: 'developer' }),
    ).toEqual([{ role: 'developer', content: 'x' }]);
  });

  it('rejects unsupported files with a clear error', () => {
    expect(() =>
      convertToOpenAIChatMessages([
        { role: 'user', content: [{ type: 'file', mediaType: 'audio/wav', data: 'x' }] },
      ]),
    ).toThrow(/unsupported file media type audio\/wav/);
  });
});
