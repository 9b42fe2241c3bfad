import { describe, expect, it } from 'vitest';
import { mapOllamaDoneReason } from '../src/map-ollama-done-reason.js';

describe('mapOllamaDoneReason', () => {
  it.each<[string | null | undefined, boolean, { unified: string; raw?: string }]>([
    ['stop', false, { unified: 'stop', raw: 'stop' }],
    ['stop', true, { unified: 'tool-calls', raw: 'stop' }],
    ['length', false, { unified: 'length', raw: 'length' }],
    ['length', true, { unified: 'length', raw: 'length' }],
    ['load', false, { unified: 'other', raw: 'load' }],
    ['unload', false, { unified: 'other', raw: 'unload' }],
    [undefined, false, { unified: 'other' }],
    [undefined, true, { unified: 'tool-calls' }],
  ])('%s (tool calls: %s)', (raw, tools, expected) => {
    expect(mapOllamaDoneReason(raw, tools)).toEqual(expected);
  });
});
