import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../src/simulation/create-seeded-random.js';

describe('createSeededRandom', () => {
  it('replays the same sequence for the same seed and differs for another', () => {
    const take = (seed: number) => {
      const random = createSeededRandom(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(take(1)).toEqual(take(1));
    expect(take(1)).not.toEqual(take(2));
  });

  it('stays in [0, 1) and spreads evenly', () => {
    const random = createSeededRandom(123);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const value = random.next();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      buckets[Math.floor(value * 10)]!++;
    }
    for (const count of buckets) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });
});
