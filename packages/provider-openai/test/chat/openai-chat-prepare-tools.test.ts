import type { ToolChoice } from '@baton/core/contracts';
import { describe, expect, it } from 'vitest';
import { prepareOpenAIChatTools } from '../../src/chat/openai-chat-prepare-tools.js';

const tool = {
  name: 'search',
  description: 'Search the web',
  inputSchema: { type: 'object', properties: {} },
};
const wire = {
  type: 'function',
  function: { name: 'search', description: 'Search the web', parameters: { type: 'object', properties: {} } },
};

describe('prepareOpenAIChatTools', () => {
  it.each<[ToolChoice | undefined, unknown]>([
    [undefined, undefined],
    ['auto', 'auto'],
    ['none', 'none'],
    ['required', 'required'],
    [
      { type: 'tool', toolName: 'search' },
      { type: 'function', function: { name: 'search' } },
    ],
  ])('tool choice %j → %j', (choice, expected) => {
    const prepared = prepareOpenAIChatTools([tool], choice);
    expect(prepared.tools).toEqual([wire]);
    expect(prepared.tool_choice).toEqual(expected);
  });

  it('omits tools and tool_choice without tools', () => {
    expect(prepareOpenAIChatTools(undefined, 'required')).toEqual({});
    expect(prepareOpenAIChatTools([], 'auto')).toEqual({});
  });

  it('sends strict only when asked; omits a missing description', () => {
    const { tools } = prepareOpenAIChatTools([{ name: 'x', inputSchema: { type: 'object' } }], undefined, {
      strict: true,
    });
    expect(tools).toEqual([
      { type: 'function', function: { name: 'x', parameters: { type: 'object' }, strict: true } },
    ]);
  });
});
