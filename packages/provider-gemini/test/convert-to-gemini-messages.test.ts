import { describe, expect, it } from 'vitest';
import { convertToGeminiMessages } from '../src/convert-to-gemini-messages.js';

describe('convertToGeminiMessages', () => {
  it('moves system messages to systemInstruction and names the assistant model', () => {
    expect(
      convertToGeminiMessages([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Hello' }] },
      ]),
    ).toEqual({
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      contents: [
        { role: 'user', parts: [{ text: 'Hi' }] },
        { role: 'model', parts: [{ text: 'Hello' }] },
      ],
    });
  });

  it('sends tool results as functionResponse parts of a user turn, echoing API-issued ids only', () => {
    const { contents } = convertToGeminiMessages([
      { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: '', signature: 'c2lnMQ==' },
          { type: 'tool-call', toolCallId: 'fc_1', toolName: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool-call', toolCallId: 'baton_call_abc', toolName: 'get_time', input: {} },
        ],
      },
      {
        role: 'tool',
        content: [
          { type: 'tool-result', toolCallId: 'fc_1', toolName: 'get_weather', output: { temperatureC: 21 } },
          {
            type: 'tool-result',
            toolCallId: 'baton_call_abc',
            toolName: 'get_time',
            output: 'clock broken',
            isError: true,
          },
        ],
      },
    ]);
    expect(contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather?' }] },
      {
        role: 'model',
        parts: [
          {
            functionCall: { id: 'fc_1', name: 'get_weather', args: { city: 'Paris' } },
            thoughtSignature: 'c2lnMQ==',
          },
          { functionCall: { name: 'get_time', args: {} } },
        ],
      },
      {
        role: 'user',
        parts: [
          {
            functionResponse: { id: 'fc_1', name: 'get_weather', response: { output: { temperatureC: 21 } } },
          },
          { functionResponse: { name: 'get_time', response: { error: 'clock broken' } } },
        ],
      },
    ]);
  });

  it('sends thought text back as a thought part with its signature', () => {
    const { contents } = convertToGeminiMessages([
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'hmm', signature: 'c2ln' },
          { type: 'text', text: 'Yes' },
        ],
      },
    ]);
    expect(contents[0]!.parts).toEqual([
      { text: 'hmm', thought: true, thoughtSignature: 'c2ln' },
      { text: 'Yes' },
    ]);
  });

  it('inlines base64 and data: files and references URLs', () => {
    const { contents } = convertToGeminiMessages([
      {
        role: 'user',
        content: [
          { type: 'file', mediaType: 'image/png', data: 'iVBOR' },
          { type: 'file', mediaType: 'application/pdf', data: 'data:application/pdf;base64,JVBER' },
          { type: 'file', mediaType: 'video/mp4', data: 'https://example.com/v.mp4' },
        ],
      },
    ]);
    expect(contents[0]!.parts).toEqual([
      { inlineData: { mimeType: 'image/png', data: 'iVBOR' } },
      { inlineData: { mimeType: 'application/pdf', data: 'JVBER' } },
      { fileData: { mimeType: 'video/mp4', fileUri: 'https://example.com/v.mp4' } },
    ]);
  });
});
