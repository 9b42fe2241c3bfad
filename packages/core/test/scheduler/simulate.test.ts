import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validation-error.js';
import { createSimulatedClock } from '../../src/scheduler/clock.js';
import { simulate } from '../../src/scheduler/simulate.js';
import { validateDag } from '../../src/scheduler/validate-dag.js';

describe('simulate', () => {
  it('runs the README example', () => {
    const plan = simulate(
      [
        { id: 'a', expectedMs: 50 },
        { id: 'b', deps: ['a'], expectedMs: 20 },
      ],
      { concurrency: 8 },
    );
    expect(plan.makespanMs).toBe(70);
    expect(plan.tasks).toEqual([
      { id: 'a', startMs: 0, endMs: 50 },
      { id: 'b', startMs: 50, endMs: 70 },
    ]);
  });

  it('beats FIFO on a DAG where the critical path is not first in line', () => {
    // Eight short independent tasks come first; the long chain would start last in FIFO order.
    const dag = [
      ...Array.from({ length: 8 }, (_, i) => ({ id: `s${i}`, expectedMs: 10 })),
      { id: 'c1', expectedMs: 10 },
      { id: 'c2', deps: ['c1'], expectedMs: 10 },
      { id: 'c3', deps: ['c2'], expectedMs: 10 },
    ];
    const plan = simulate(dag, { concurrency: 2 });
    expect(plan.tasks.find((t) => t.id === 'c1')!.startMs).toBe(0);
    // 11 tasks of 10 ms on 2 slots cannot end before 60 ms; FIFO would end at 70.
    expect(plan.makespanMs).toBe(60);
    expect(plan.lowerBoundMs).toBe(55);
  });

  it('orders by expected durations but advances by actual ones', () => {
    const plan = simulate(
      [
        { id: 'guess-long', expectedMs: 100, actualMs: 1 },
        { id: 'guess-short', expectedMs: 1, actualMs: 100 },
      ],
      { concurrency: 1 },
    );
    expect(plan.tasks[0]).toEqual({ id: 'guess-long', startMs: 0, endMs: 1 });
    expect(plan.lowerBoundMs).toBe(101);
  });

  it('honours pools in the simulation', () => {
    const dag = Array.from({ length: 4 }, (_, i) => ({ id: `t${i}`, expectedMs: 10, pools: ['provider:p'] }));
    const plan = simulate(dag, { concurrency: 4, pools: { 'provider:p': 1 } });
    expect(plan.makespanMs).toBe(40);
  });

  it('runs on a given simulated clock, from its current time', () => {
    const clock = createSimulatedClock(1000);
    const plan = simulate([{ id: 'a', expectedMs: 5 }], { concurrency: 1, clock });
    expect(plan.tasks[0]).toEqual({ id: 'a', startMs: 0, endMs: 5 });
    expect(clock.now()).toBe(1005);
  });

  it('handles zero-length tasks and an empty DAG', () => {
    expect(
      simulate(
        [
          { id: 'a', expectedMs: 0 },
          { id: 'b', deps: ['a'], expectedMs: 0 },
        ],
        { concurrency: 1 },
      ),
    ).toMatchObject({
      makespanMs: 0,
      schedulingEfficiency: 1,
    });
    expect(simulate([], { concurrency: 1 }).makespanMs).toBe(0);
  });

  it.each([
    [
      [
        { id: 'a', deps: ['b'], expectedMs: 1 },
        { id: 'b', deps: ['a'], expectedMs: 1 },
      ],
      /task (a|b) is on a dependency cycle/,
    ],
    [[{ id: 'a', deps: ['x'], expectedMs: 1 }], /task a depends on unknown task x/],
    [
      [
        { id: 'a', expectedMs: 1 },
        { id: 'a', expectedMs: 1 },
      ],
      /duplicate task id a/,
    ],
    [
      [
        { id: 'root', expectedMs: 1 },
        { id: 'p', deps: ['root', 'r'], expectedMs: 1 },
        { id: 'q', deps: ['p'], expectedMs: 1 },
        { id: 'r', deps: ['q'], expectedMs: 1 },
      ],
      /task (p|q|r) is on a dependency cycle/,
    ],
  ])('rejects invalid DAG %#, naming the task', (dag, message) => {
    expect(() => simulate(dag, { concurrency: 2 })).toThrow(message);
    expect(() => validateDag(dag)).toThrow(ValidationError);
  });
});

describe('simulate at scale', () => {
  it('plans a 30 000-task chain and a 30 000-task fan-in without quadratic work', () => {
    const chain = Array.from({ length: 30_000 }, (_, i) => ({
      id: `c${i}`,
      deps: i === 0 ? [] : [`c${i - 1}`],
      expectedMs: 1,
    }));
    expect(simulate(chain, { concurrency: 4 }).makespanMs).toBe(30_000);
    const fanIn = [
      ...Array.from({ length: 30_000 }, (_, i) => ({ id: `w${i}`, expectedMs: 1 })),
      { id: 'join', deps: Array.from({ length: 30_000 }, (_, i) => `w${i}`), expectedMs: 1 },
    ];
    const plan = simulate(fanIn, { concurrency: 1000 });
    expect(plan.makespanMs).toBe(31);
  });
});
