import { describe, expect, it } from 'vitest';
import { dagCriticalPathMs, dagLowerBoundMs } from '../../src/metrics/dag-lower-bound.js';

describe('dagLowerBoundMs', () => {
  const diamond = [
    { id: 'a', durationMs: 5 },
    { id: 'b', deps: ['a'], durationMs: 10 },
    { id: 'c', deps: ['a'], durationMs: 3 },
    { id: 'd', deps: ['b', 'c'], durationMs: 2 },
  ];

  it.each([
    [1, 20],
    [2, 17],
    [8, 17],
  ])('at concurrency %i is max(critical path, work / concurrency) = %i', (concurrency, bound) => {
    expect(dagCriticalPathMs(diamond)).toBe(17);
    expect(dagLowerBoundMs(diamond, concurrency)).toBe(bound);
  });

  it('handles a 100 000-long chain without deep recursion', () => {
    const chain = Array.from({ length: 100_000 }, (_, i) => ({
      id: `t${i}`,
      deps: i === 0 ? [] : [`t${i - 1}`],
      durationMs: 1,
    }));
    expect(dagCriticalPathMs(chain.reverse())).toBe(100_000);
  });
});
