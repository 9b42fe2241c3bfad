import { describe, expect, it } from 'vitest';
import { combineSignals } from '../src/combine-signals.js';
import { safeParseJson } from '../src/safe-parse-json.js';

describe('combineSignals', () => {
  it('returns undefined for none and the signal itself for one', () => {
    const a = new AbortController().signal;
    expect(combineSignals()).toBeUndefined();
    expect(combineSignals(undefined, null)).toBeUndefined();
    expect(combineSignals(undefined, a)).toBe(a);
  });

  it('accepts an array', () => {
    const a = new AbortController();
    const b = new AbortController();
    const combined = combineSignals([a.signal, undefined, b.signal])!;
    a.abort('a');
    expect(combined.reason).toBe('a');
  });

  it('aborts when any input aborts, with its reason', () => {
    const a = new AbortController();
    const b = new AbortController();
    const combined = combineSignals(a.signal, undefined, b.signal)!;
    expect(combined.aborted).toBe(false);
    b.abort('b');
    expect(combined.aborted).toBe(true);
    expect(combined.reason).toBe('b');
  });
});

describe('safeParseJson', () => {
  it.each([
    ['{"a":1}', true],
    ['[1,2]', true],
    ['nope', false],
    ['', false],
  ])('%j → success %s', (text, success) => {
    expect(safeParseJson(text).success).toBe(success);
  });
});
