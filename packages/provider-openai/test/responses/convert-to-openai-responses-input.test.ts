import { describe, expect, it } from 'vitest';
import { convertToOpenAIResponsesInput } from '../../src/responses/convert-to-openai-responses-input.js';

describe('convertToOpenAIResponsesInput', () => {
  it('converts a tool-loop conversation to input items', () => {
    expect(
      convertToOpenAIResponsesInput([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking.' },
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
      { role: 'user', content: [{ type: 'input_text', text: 'Weather?' }] },
      { role: 'assistant', content: [{ type: 'output_text', text: 'Checking.' }] },
      { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { type: 'function_call_output', call_id: 'call_1', output: '{"c":21}' },
    ]);
  });

  it('sends images and PDFs as input parts', () => {
    expect(
      convertToOpenAIResponsesInput([
        {
          role: 'user',
          content: [
            { type: 'file', mediaType: 'image/png', data: 'AAAA' },
            { type: 'file', mediaType: 'application/pdf', data: 'JVBE' },
          ],
        },
      ]),
    ).toEqual([
      {
        role: 'user',
        content: [
          { type: 'input_image', image_url: 'data:image/png;base64,AAAA' },
          { type: 'input_file', filename: 'document.pdf', file_data: 'data:application/pdf;base64,JVBE' },
        ],
      },
    ]);
  });
});
