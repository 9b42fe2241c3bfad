import type { Message } from '@baton/core/contracts';
import { InvalidRequestError } from '@baton/core/contracts';
import { describe, expect, it } from 'vitest';
import { convertToAnthropicMessages } from '../src/convert-to-anthropic-messages.js';

describe('convertToAnthropicMessages', () => {
  it('moves one system message to a top-level string', () => {
    const result = convertToAnthropicMessages([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
    ]);
    expect(result.system).toBe('Be brief.');
    expect(result.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
  });

  it('keeps several system messages as text blocks', () => {
    const result = convertToAnthropicMessages([
      { role: 'system', content: 'A' },
      { role: 'system', content: 'B' },
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
    ]);
    expect(result.system).toEqual([
      { type: 'text', text: 'A' },
      { type: 'text', text: 'B' },
    ]);
  });

  it('sends tool results as tool_result blocks of one user message, merged with the following user text', () => {
    const prompt: Message[] = [
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Tokyo?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Two calls.', signature: 'sig==' },
          { type: 'text', text: 'Checking.' },
          { type: 'tool-call', toolCallId: 'toolu_1', toolName: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool-call', toolCallId: 'toolu_2', toolName: 'get_weather', input: '{"city":"Tokyo"}' },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'toolu_1',
            toolName: 'get_weather',
            output: { temperatureC: 21 },
          },
          {
            type: 'tool-result',
            toolCallId: 'toolu_2',
            toolName: 'get_weather',
            output: 'service down',
            isError: true,
          },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'Thanks' }] },
    ];
    expect(convertToAnthropicMessages(prompt).messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Tokyo?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'Two calls.', signature: 'sig==' },
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { city: 'Tokyo' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: '{"temperatureC":21}' },
          { type: 'tool_result', tool_use_id: 'toolu_2', content: 'service down', is_error: true },
          { type: 'text', text: 'Thanks' },
        ],
      },
    ]);
  });

  it('drops unsigned reasoning and empty text, which the API rejects', () => {
    const { messages } = convertToAnthropicMessages([
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'private' },
          { type: 'text', text: '' },
          { type: 'text', text: 'Hello' },
        ],
      },
    ]);
    expect(messages[1]).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'Hello' }] });
  });

  it('replays reasoning without text but with a payload as redacted_thinking', () => {
    const { messages } = convertToAnthropicMessages([
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: '', signature: 'EmwKAhgBEgy3va3pzix/LafPsn4a' },
          { type: 'tool-call', toolCallId: 'toolu_1', toolName: 'f', input: {} },
        ],
      },
    ]);
    expect(messages[1]!.content).toEqual([
      { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4a' },
      { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} },
    ]);
  });

  it('puts cache_control on the system prompt and the last block of the last message', () => {
    const result = convertToAnthropicMessages(
      [
        { role: 'system', content: 'Long instructions' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'one' },
            { type: 'text', text: 'two' },
          ],
        },
      ],
      { system: { type: 'ephemeral' }, messages: { type: 'ephemeral', ttl: '1h' } },
    );
    expect(result.system).toEqual([
      { type: 'text', text: 'Long instructions', cache_control: { type: 'ephemeral' } },
    ]);
    expect(result.messages[0]!.content).toEqual([
      { type: 'text', text: 'one' },
      { type: 'text', text: 'two', cache_control: { type: 'ephemeral', ttl: '1h' } },
    ]);
  });

  it('converts images and PDFs, inline and by URL', () => {
    const { messages } = convertToAnthropicMessages([
      {
        role: 'user',
        content: [
          { type: 'file', mediaType: 'image/png', data: 'iVBORw0KGgo=' },
          { type: 'file', mediaType: 'image/jpeg', data: 'https://example.com/cat.jpg' },
          {
            type: 'file',
            mediaType: 'application/pdf',
            data: 'data:application/pdf;base64,JVBERi0=',
            filename: 'report.pdf',
          },
          { type: 'file', mediaType: 'text/plain', data: Buffer.from('notes').toString('base64') },
        ],
      },
    ]);
    expect(messages[0]!.content).toEqual([
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
      { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
      {
        type: 'document',
        source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' },
        title: 'report.pdf',
      },
      { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'notes' } },
    ]);
  });

  it('rejects media types the API does not take, naming the type', () => {
    expect(() =>
      convertToAnthropicMessages([
        { role: 'user', content: [{ type: 'file', mediaType: 'audio/wav', data: 'AAAA' }] },
      ]),
    ).toThrowError(InvalidRequestError);
    expect(() =>
      convertToAnthropicMessages([
        { role: 'user', content: [{ type: 'file', mediaType: 'audio/wav', data: 'AAAA' }] },
      ]),
    ).toThrowError(/audio\/wav/);
  });
});
