import type { DagTask } from '@baton/core';

/** A small seeded PRNG (mulberry32): the same seed gives the same DAGs on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export type DagShape = 'layered' | 'fan' | 'random';

/**
 * One random DAG of `size` tasks: log-normal actual durations (median 100 ms, σ = 1) and
 * expected durations off by up to ±30 %.
 */
export function randomDag(seed: number, size = 200, shape?: DagShape): { shape: DagShape; tasks: DagTask[] } {
  const random = seededRandom(seed);
  const kind: DagShape = shape ?? (['layered', 'fan', 'random'] as const)[seed % 3]!;
  const deps: string[][] = Array.from({ length: size }, () => []);
  const id = (i: number) => `t${i}`;
  const pick = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo));
  if (kind === 'layered') {
    const layers = pick(4, 25);
    const layerOf = Array.from({ length: size }, (_, i) => (i < layers ? i : pick(0, layers)));
    layerOf.sort((a, b) => a - b);
    const byLayer: number[][] = Array.from({ length: layers }, () => []);
    layerOf.forEach((layer, i) => {
      byLayer[layer]!.push(i);
    });
    for (let layer = 1; layer < layers; layer++) {
      for (const i of byLayer[layer]!) {
        const count = pick(1, 4);
        for (let k = 0; k < count; k++) {
          const from = random() < 0.75 ? layer - 1 : pick(0, layer);
          const candidates = byLayer[from]!;
          const dep = id(candidates[pick(0, candidates.length)]!);
          if (!deps[i]!.includes(dep)) deps[i]!.push(dep);
        }
      }
    }
  } else if (kind === 'fan') {
    // Stages of fan-out → parallel branches (chains of 1–4) → fan-in, nested at random.
    let i = 0;
    let joinPoint: number | undefined;
    while (i < size) {
      const hub = i++;
      if (joinPoint !== undefined) deps[hub]!.push(id(joinPoint));
      const branches = pick(2, 16);
      const tails: number[] = [];
      for (let b = 0; b < branches && i < size - 1; b++) {
        let previous = hub;
        const length = pick(1, 5);
        for (let k = 0; k < length && i < size - 1; k++) {
          deps[i]!.push(id(previous));
          previous = i++;
        }
        tails.push(previous);
      }
      if (i >= size) break;
      const join = i++;
      for (const tail of tails) deps[join]!.push(id(tail));
      joinPoint = join;
    }
  } else {
    const p = 3 / size;
    for (let i = 1; i < size; i++) {
      for (let j = Math.max(0, i - 60); j < i; j++) if (random() < p * 3) deps[i]!.push(id(j));
    }
  }
  const tasks: DagTask[] = deps.map((d, i) => {
    const actualMs = Math.round(100 * Math.exp(normal(random)) * 1000) / 1000;
    const expectedMs = Math.round(actualMs * (1 + (random() * 0.6 - 0.3)) * 1000) / 1000;
    return { id: id(i), deps: d, expectedMs, actualMs };
  });
  return { shape: kind, tasks };
}
