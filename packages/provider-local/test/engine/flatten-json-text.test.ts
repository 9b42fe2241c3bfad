import { describe, expect, it } from 'vitest';
import { flattenJsonText } from '../../src/engine/flatten-json-text.js';

describe('flattenJsonText', () => {
  it.each([
    ['plain prose stays as it is.', 'plain prose stays as it is.'],
    ['See [doc-01] for details.', 'See [doc-01] for details.'],
    ['{"temp": 21, "conditions": "sunny"}', 'temp: 21.\n\nconditions: sunny.'],
    ['{"hits":[{"id":"note-7","text":"Q3 target is $2.1M."}]}', '[note-7]\nQ3 target is $2.1M.'],
    [
      'Combine: [{"source":"doc-01","summary":"Pro costs $20."},{"source":"doc-03","summary":"Keys rotate."}]',
      'Combine:\n\n[doc-01]\nPro costs $20.\n\n[doc-03]\nKeys rotate.',
    ],
    ['{"summary": "short summary"}', 'short summary'],
    ['{not json', '{not json'],
    ['{"a": {"b": {"c": "deep text here."}}}', 'deep text here.'],
  ])('%j', (input, expected) => {
    expect(flattenJsonText(input)).toBe(expected);
  });
});
