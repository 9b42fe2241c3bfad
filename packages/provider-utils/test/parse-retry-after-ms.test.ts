import { describe, expect, it } from 'vitest';
import { parseRetryAfterMs } from '../src/parse-retry-after-ms.js';

const now = Date.parse('2026-01-01T00:00:00Z');

describe('parseRetryAfterMs', () => {
  it.each<[string, Record<string, string>, number | undefined]>([
    ['retry-after-ms', { 'retry-after-ms': '1500' }, 1500],
    ['retry-after-ms fractional', { 'retry-after-ms': '20.6' }, 21],
    ['retry-after-ms wins over retry-after', { 'retry-after-ms': '100', 'retry-after': '9' }, 100],
    ['retry-after seconds', { 'retry-after': '2' }, 2000],
    ['retry-after fractional seconds', { 'retry-after': '0.5' }, 500],
    ['retry-after zero', { 'retry-after': '0' }, 0],
    ['retry-after HTTP date', { 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }, 30_000],
    ['retry-after date in the past', { 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }, 0],
    ['invalid retry-after-ms falls back', { 'retry-after-ms': 'x', 'retry-after': '3' }, 3000],
    ['garbage', { 'retry-after': 'soon' }, undefined],
    ['negative', { 'retry-after': '-1' }, undefined],
    ['absent', {}, undefined],
  ])('%s', (_name, headers, expected) => {
    expect(parseRetryAfterMs(headers, now)).toBe(expected);
  });

  it('reads a Headers object', () => {
    expect(parseRetryAfterMs(new Headers({ 'Retry-After': '4' }), now)).toBe(4000);
  });

  it('accepts undefined', () => {
    expect(parseRetryAfterMs(undefined)).toBeUndefined();
  });
});
