/** A seeded pseudo-random source: `next()` returns a float in [0, 1). */
export interface SeededRandom {
  next(): number;
}

/**
 * mulberry32: a tiny, fast 32-bit PRNG. Same seed, same sequence, on every platform, so
 * simulated failures and latencies replay exactly.
 */
export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  return {
    next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}
