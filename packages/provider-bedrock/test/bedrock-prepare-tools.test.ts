import type { Message } from '@baton/core/contracts';
import { describe, expect, it } from 'vitest';
import { prepareBedrockTools } from '../src/bedrock-prepare-tools.js';

const tool = {
  name: 'get_weather',
  description: 'Weather',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
};
const spec = {
  toolSpec: { name: 'get_weather', description: 'Weather', inputSchema: { json: tool.inputSchema } },
};

describe('prepareBedrockTools', () => {
  it.each([
    [undefined, { tools: [spec] }],
    ['auto', { tools: [spec], toolChoice: { auto: {} } }],
    ['required', { tools: [spec], toolChoice: { any: {} } }],
    [
      { type: 'tool', toolName: 'get_weather' },
      { tools: [spec], toolChoice: { tool: { name: 'get_weather' } } },
    ],
  ] as const)('tool choice %j', (choice, expected) => {
    expect(prepareBedrockTools([tool], choice, [])).toEqual(expected);
  });

  it('leaves tools out for none, unless the history holds tool results', () => {
    expect(prepareBedrockTools([tool], 'none', [])).toBeUndefined();
    const history: Message[] = [
      {
        role: 'tool',
        content: [{ type: 'tool-result', toolCallId: 'a', toolName: 'get_weather', output: 1 }],
      },
    ];
    expect(prepareBedrockTools([tool], 'none', history)).toEqual({ tools: [spec] });
  });

  it('appends a cache point', () => {
    expect(prepareBedrockTools([tool], undefined, [], { cachePoint: true })?.tools).toEqual([
      spec,
      { cachePoint: { type: 'default' } },
    ]);
  });
});
