import { describe, expect, it } from 'vitest';
import { mapOpenAIResponsesFinishReason } from '../../src/responses/map-openai-responses-finish-reason.js';

describe('mapOpenAIResponsesFinishReason', () => {
  it.each<[string | null | undefined, string | null | undefined, boolean, { unified: string; raw?: string }]>(
    [
      ['completed', null, false, { unified: 'stop', raw: 'completed' }],
      ['completed', null, true, { unified: 'tool-calls', raw: 'completed' }],
      ['incomplete', 'max_output_tokens', false, { unified: 'length', raw: 'max_output_tokens' }],
      ['incomplete', 'content_filter', false, { unified: 'content-filter', raw: 'content_filter' }],
      ['incomplete', 'other_reason', false, { unified: 'other', raw: 'other_reason' }],
      ['incomplete', null, false, { unified: 'other', raw: 'incomplete' }],
      ['failed', null, false, { unified: 'error', raw: 'failed' }],
      ['cancelled', null, false, { unified: 'other', raw: 'cancelled' }],
      ['queued', null, false, { unified: 'other', raw: 'queued' }],
      [undefined, undefined, true, { unified: 'tool-calls' }],
      [undefined, undefined, false, { unified: 'other' }],
    ],
  )('status %s, reason %s, tools %s', (status, reason, tools, expected) => {
    expect(mapOpenAIResponsesFinishReason(status, reason, tools)).toEqual(expected);
  });
});
