import type { ToolChoice } from '@baton/core/contracts';
import { describe, expect, it } from 'vitest';
import { prepareOpenAIResponsesTools } from '../../src/responses/openai-responses-prepare-tools.js';

const tool = {
  name: 'search',
  description: 'Search the web',
  inputSchema: { type: 'object', properties: {} },
};

describe('prepareOpenAIResponsesTools', () => {
  it.each<[ToolChoice | undefined, unknown]>([
    [undefined, undefined],
    ['auto', 'auto'],
    ['none', 'none'],
    ['required', 'required'],
    [
      { type: 'tool', toolName: 'search' },
      { type: 'function', name: 'search' },
    ],
  ])('tool choice %j → %j', (choice, expected) => {
    const prepared = prepareOpenAIResponsesTools([tool], choice);
    expect(prepared.tools).toEqual([
      {
        type: 'function',
        name: 'search',
        description: 'Search the web',
        parameters: { type: 'object', properties: {} },
        strict: false,
      },
    ]);
    expect(prepared.tool_choice).toEqual(expected);
  });

  it('omits tools without tools; strict when asked', () => {
    expect(prepareOpenAIResponsesTools(undefined, 'auto')).toEqual({});
    expect(prepareOpenAIResponsesTools([tool], undefined, { strict: true }).tools?.[0]?.strict).toBe(true);
  });
});
