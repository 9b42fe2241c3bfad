import { describe, expect, it } from 'vitest';
import { mapOpenAIFinishReason } from '../../src/chat/map-openai-finish-reason.js';

describe('mapOpenAIFinishReason', () => {
  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['tool_calls', 'tool-calls'],
    ['function_call', 'tool-calls'],
    ['content_filter', 'content-filter'],
    ['something_new', 'other'],
  ])('%s → %s (raw kept)', (raw, unified) => {
    expect(mapOpenAIFinishReason(raw)).toEqual({ unified, raw });
  });

  it.each([null, undefined])('%s → other without raw', (raw) => {
    expect(mapOpenAIFinishReason(raw)).toEqual({ unified: 'other' });
  });
});
