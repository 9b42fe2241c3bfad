import { describe, expect, it } from 'vitest';
import { prepareAnthropicTools } from '../src/anthropic-prepare-tools.js';

const tool = {
  name: 'get_weather',
  description: 'Weather',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
};

describe('prepareAnthropicTools', () => {
  it('sends input_schema and no tool_choice by default', () => {
    expect(prepareAnthropicTools([tool], undefined)).toEqual({
      tools: [{ name: 'get_weather', description: 'Weather', input_schema: tool.inputSchema }],
      toolChoice: undefined,
    });
  });

  it.each([
    ['auto', { type: 'auto' }],
    ['required', { type: 'any' }],
    ['none', { type: 'none' }],
    [
      { type: 'tool', toolName: 'get_weather' },
      { type: 'tool', name: 'get_weather' },
    ],
  ] as const)('tool choice %j → %j', (choice, expected) => {
    expect(prepareAnthropicTools([tool], choice).toolChoice).toEqual(expected);
  });

  it('disables parallel tool use and caches the tool list on request', () => {
    const prepared = prepareAnthropicTools([tool, { ...tool, name: 'b' }], 'required', {
      disableParallelToolUse: true,
      cacheControl: { type: 'ephemeral' },
    });
    expect(prepared.toolChoice).toEqual({ type: 'any', disable_parallel_tool_use: true });
    expect(prepared.tools?.[0]).not.toHaveProperty('cache_control');
    expect(prepared.tools?.[1]).toHaveProperty('cache_control', { type: 'ephemeral' });
  });

  it('sends nothing without tools', () => {
    expect(prepareAnthropicTools([], 'auto')).toEqual({ tools: undefined, toolChoice: undefined });
  });
});
