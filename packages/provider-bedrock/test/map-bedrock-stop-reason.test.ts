import { describe, expect, it } from 'vitest';
import { mapBedrockStopReason } from '../src/map-bedrock-stop-reason.js';

describe('mapBedrockStopReason', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['tool_use', 'tool-calls'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['guardrail_intervened', 'content-filter'],
    ['content_filtered', 'content-filter'],
    ['malformed_model_output', 'error'],
    ['malformed_tool_use', 'error'],
    ['brand_new_reason', 'other'],
  ])('%s → %s', (raw, unified) => {
    expect(mapBedrockStopReason(raw)).toEqual({ unified, raw });
  });

  it('has no raw value when none was sent', () => {
    expect(mapBedrockStopReason(undefined)).toEqual({ unified: 'other' });
  });
});
