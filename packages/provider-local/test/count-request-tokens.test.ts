import { describe, expect, it } from 'vitest';
import { countOutputTokens, countRequestTokens } from '../src/count-request-tokens.js';
import { countTokens } from '../src/text/count-tokens.js';
import { SEARCH_NOTES, user } from './__fixtures__/messages.js';

describe('countRequestTokens', () => {
  it('counts each message with a 3-token overhead plus 3 for the reply', () => {
    expect(countRequestTokens({ messages: [] })).toBe(3);
    expect(countRequestTokens({ messages: [user('hello world')] })).toBe(3 + 3 + countTokens('hello world'));
    expect(countRequestTokens({ messages: [{ role: 'system', content: 'Be brief.' }, user('hi')] })).toBe(
      3 + 3 + countTokens('Be brief.') + 3 + countTokens('hi'),
    );
  });

  it('counts tool definitions, tool calls and tool results as JSON', () => {
    const base = countRequestTokens({ messages: [user('hi')] });
    const withTools = countRequestTokens({ messages: [user('hi')], tools: [SEARCH_NOTES] });
    expect(withTools - base).toBe(
      countTokens('search_notes') +
        countTokens('Find notes matching a query') +
        countTokens(JSON.stringify(SEARCH_NOTES.inputSchema)),
    );
    const withResult = countRequestTokens({
      messages: [
        user('hi'),
        {
          role: 'assistant',
          content: [{ type: 'tool-call', toolCallId: 'c', toolName: 'search_notes', input: { query: 'x' } }],
        },
        {
          role: 'tool',
          content: [{ type: 'tool-result', toolCallId: 'c', toolName: 'search_notes', output: 'found it' }],
        },
      ],
    });
    expect(withResult - base).toBe(
      3 + countTokens('search_notes') + countTokens('{"query":"x"}') + 3 + countTokens('found it'),
    );
  });

  it('counts output text and tool calls', () => {
    expect(countOutputTokens([{ type: 'text', text: 'hello world' }])).toBe(countTokens('hello world'));
    expect(
      countOutputTokens([{ type: 'tool-call', toolCallId: 'c', toolName: 'read', input: { a: 1 } }]),
    ).toBe(countTokens('read') + countTokens('{"a":1}') + 3);
  });
});
