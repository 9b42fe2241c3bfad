import { describe, expect, it } from 'vitest';
import { mapGeminiFinishReason } from '../src/map-gemini-finish-reason.js';

describe('mapGeminiFinishReason', () => {
  it.each([
    ['STOP', 'stop'],
    ['MAX_TOKENS', 'length'],
    ['SAFETY', 'content-filter'],
    ['RECITATION', 'content-filter'],
    ['BLOCKLIST', 'content-filter'],
    ['PROHIBITED_CONTENT', 'content-filter'],
    ['SPII', 'content-filter'],
    ['IMAGE_SAFETY', 'content-filter'],
    ['MALFORMED_FUNCTION_CALL', 'error'],
    ['UNEXPECTED_TOOL_CALL', 'error'],
    ['TOO_MANY_TOOL_CALLS', 'error'],
    ['LANGUAGE', 'other'],
    ['OTHER', 'other'],
    ['FINISH_REASON_UNSPECIFIED', 'other'],
    ['SOMETHING_NEW', 'other'],
  ])('%s → %s', (raw, unified) => {
    expect(mapGeminiFinishReason(raw)).toEqual({ unified, raw });
  });

  it('reports STOP with function calls as tool-calls', () => {
    expect(mapGeminiFinishReason('STOP', true)).toEqual({ unified: 'tool-calls', raw: 'STOP' });
  });

  it('has no raw value when none was sent', () => {
    expect(mapGeminiFinishReason(undefined)).toEqual({ unified: 'other' });
  });
});
