import { describe, expect, it } from 'vitest';
import { createRealClock, createSimulatedClock } from '../../src/scheduler/clock.js';

describe('createSimulatedClock', () => {
  it('runs callbacks in time order, same-time ones in scheduling order, and moves only when told', () => {
    const clock = createSimulatedClock(100);
    const seen: string[] = [];
    clock.schedule(300, () => seen.push(`c@${clock.now()}`));
    clock.schedule(200, () => seen.push(`a@${clock.now()}`));
    clock.schedule(200, () => seen.push(`b@${clock.now()}`));
    const cancel = clock.schedule(250, () => seen.push('cancelled'));
    cancel();
    expect(clock.pending).toBe(3);
    expect(clock.now()).toBe(100);
    expect(clock.runNext()).toBe(true);
    expect(seen).toEqual(['a@200', 'b@200']);
    clock.advance(50);
    expect(clock.now()).toBe(250);
    clock.run();
    expect(seen).toEqual(['a@200', 'b@200', 'c@300']);
    expect(clock.runNext()).toBe(false);
  });

  it('runs callbacks scheduled for the current instant in the same turn, and never goes back', () => {
    const clock = createSimulatedClock();
    const seen: number[] = [];
    clock.schedule(10, () => {
      seen.push(clock.now());
      clock.schedule(10, () => seen.push(clock.now()));
      clock.schedule(5, () => seen.push(clock.now())); // in the past: runs now
    });
    clock.runNext();
    expect(seen).toEqual([10, 10, 10]);
    clock.run(40);
    expect(clock.now()).toBe(40);
  });
});

describe('createRealClock', () => {
  it('runs due callbacks in time order through one shared timer and honours cancellation', async () => {
    const clock = createRealClock();
    const seen: string[] = [];
    const start = clock.now();
    const done = new Promise<void>((resolve) => {
      clock.schedule(start + 2, () => seen.push('second'));
      clock.schedule(start + 1, () => seen.push('first'));
      const cancel = clock.schedule(start + 1, () => seen.push('cancelled'));
      cancel();
      clock.schedule(start + 3, () => resolve());
    });
    await done;
    expect(seen).toEqual(['first', 'second']);
    expect(clock.now()).toBeGreaterThanOrEqual(start);
  });
});
