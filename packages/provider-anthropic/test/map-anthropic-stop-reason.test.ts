import { describe, expect, it } from 'vitest';
import { mapAnthropicStopReason } from '../src/map-anthropic-stop-reason.js';

describe('mapAnthropicStopReason', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['pause_turn', 'stop'],
    ['tool_use', 'tool-calls'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['refusal', 'content-filter'],
    ['something_new', 'other'],
  ])('%s → %s', (raw, unified) => {
    expect(mapAnthropicStopReason(raw)).toEqual({ unified, raw });
  });

  it('keeps no raw value when the API sent none', () => {
    expect(mapAnthropicStopReason(null)).toEqual({ unified: 'other' });
  });

  it('treats tool_use as a normal stop when the answer came through the json tool', () => {
    expect(mapAnthropicStopReason('tool_use', true)).toEqual({ unified: 'stop', raw: 'tool_use' });
  });
});
