import type { ToolChoice } from '@baton/core/contracts';
import { describe, expect, it } from 'vitest';
import { prepareOllamaChatTools } from '../src/ollama-chat-prepare-tools.js';

const a = { name: 'a', description: 'A', inputSchema: { type: 'object' } };
const b = { name: 'b', inputSchema: { type: 'object' } };

describe('prepareOllamaChatTools', () => {
  it.each<[ToolChoice | undefined, string[] | undefined]>([
    [undefined, ['a', 'b']],
    ['auto', ['a', 'b']],
    ['required', ['a', 'b']],
    ['none', undefined],
    [{ type: 'tool', toolName: 'b' }, ['b']],
  ])('tool choice %j sends %j', (choice, names) => {
    expect(prepareOllamaChatTools([a, b], choice)?.map((t) => t.function.name)).toEqual(names);
  });

  it('renders the documented function shape', () => {
    expect(prepareOllamaChatTools([a], undefined)).toEqual([
      { type: 'function', function: { name: 'a', description: 'A', parameters: { type: 'object' } } },
    ]);
    expect(prepareOllamaChatTools(undefined, 'auto')).toBeUndefined();
  });
});
