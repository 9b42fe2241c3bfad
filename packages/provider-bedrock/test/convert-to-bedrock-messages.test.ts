import { describe, expect, it } from 'vitest';
import { convertToBedrockMessages } from '../src/convert-to-bedrock-messages.js';

describe('convertToBedrockMessages', () => {
  it('sends system blocks, text, toolUse and toolResult blocks with status', () => {
    expect(
      convertToBedrockMessages([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'need tools', signature: 'sig' },
            { type: 'text', text: ' ' },
            { type: 'tool-call', toolCallId: 'tooluse_1', toolName: 'get_weather', input: { city: 'Paris' } },
            { type: 'tool-call', toolCallId: 'tooluse_2', toolName: 'get_time', input: '{}' },
          ],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'tooluse_1',
              toolName: 'get_weather',
              output: { temperatureC: 21 },
            },
            {
              type: 'tool-result',
              toolCallId: 'tooluse_2',
              toolName: 'get_time',
              output: 'clock broken',
              isError: true,
            },
          ],
        },
      ]),
    ).toEqual({
      system: [{ text: 'Be brief.' }],
      messages: [
        { role: 'user', content: [{ text: 'Weather?' }] },
        {
          role: 'assistant',
          content: [
            { reasoningContent: { reasoningText: { text: 'need tools', signature: 'sig' } } },
            { toolUse: { toolUseId: 'tooluse_1', name: 'get_weather', input: { city: 'Paris' } } },
            { toolUse: { toolUseId: 'tooluse_2', name: 'get_time', input: {} } },
          ],
        },
        {
          role: 'user',
          content: [
            {
              toolResult: {
                toolUseId: 'tooluse_1',
                content: [{ json: { temperatureC: 21 } }],
                status: 'success',
              },
            },
            { toolResult: { toolUseId: 'tooluse_2', content: [{ text: 'clock broken' }], status: 'error' } },
          ],
        },
      ],
    });
  });

  it('sends non-object results as text and adds cache points on request', () => {
    const result = convertToBedrockMessages(
      [
        { role: 'system', content: 'S' },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't', toolName: 'n', output: [1, 2] }] },
      ],
      { cachePoints: true },
    );
    expect(result.system).toEqual([{ text: 'S' }, { cachePoint: { type: 'default' } }]);
    expect(result.messages[0]!.content).toEqual([
      { toolResult: { toolUseId: 't', content: [{ text: '[1,2]' }], status: 'success' } },
      { cachePoint: { type: 'default' } },
    ]);
  });

  it('sends images and documents as bytes', () => {
    const { messages } = convertToBedrockMessages([
      {
        role: 'user',
        content: [
          { type: 'file', mediaType: 'image/jpeg', data: '/9j/4AAQ' },
          {
            type: 'file',
            mediaType: 'application/pdf',
            data: 'data:application/pdf;base64,JVBER',
            filename: 'Q3 report.v2.pdf',
          },
        ],
      },
    ]);
    expect(messages[0]!.content).toEqual([
      { image: { format: 'jpeg', source: { bytes: '/9j/4AAQ' } } },
      { document: { format: 'pdf', name: 'Q3 report-v2', source: { bytes: 'JVBER' } } },
    ]);
  });

  it('rejects file URLs and unknown media types with a clear error', () => {
    expect(() =>
      convertToBedrockMessages([
        { role: 'user', content: [{ type: 'file', mediaType: 'image/png', data: 'https://x/y.png' }] },
      ]),
    ).toThrow(/bytes only/);
    expect(() =>
      convertToBedrockMessages([
        { role: 'user', content: [{ type: 'file', mediaType: 'audio/wav', data: 'AAAA' }] },
      ]),
    ).toThrow(/audio\/wav/);
  });
});
