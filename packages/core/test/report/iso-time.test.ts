import { describe, expect, it } from 'vitest';
import { createIsoFormatter } from '../../src/report/iso-time.js';

describe('createIsoFormatter', () => {
  it('formats like Date#toISOString, for repeated, alternating and fractional milliseconds', () => {
    const iso = createIsoFormatter();
    const base = Date.UTC(2026, 10, 25, 12, 0, 59, 998);
    const times = [
      base,
      base + 0.4,
      base,
      base + 1,
      base + 0.9,
      base + 2.5,
      base + 1,
      base + 1002,
      base + 1002.7,
    ];
    for (const ms of times) expect(iso(ms)).toBe(new Date(Math.floor(ms)).toISOString());
  });
});
