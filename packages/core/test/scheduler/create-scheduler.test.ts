import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/errors/cancelled-error.js';
import { createSimulatedClock } from '../../src/scheduler/clock.js';
import { createScheduler, type PriorityScheduler } from '../../src/scheduler/create-scheduler.js';
import type { Lease } from '../../src/scheduler/scheduler.js';

/** Acquires each task through the callback path and records the grant order. */
function recorder(scheduler: PriorityScheduler) {
  const order: string[] = [];
  const leases = new Map<string, Lease>();
  const ask = (...ids: string[]) => {
    for (const id of ids) {
      scheduler.request(id, (lease) => {
        order.push(id);
        leases.set(id, lease);
      });
    }
  };
  // finish() also gives the slots back, after unblocking dependents.
  const done = (id: string) => scheduler.finish(id);
  return { order, leases, ask, done };
}

describe('createScheduler', () => {
  it('runs higher user priority first', () => {
    const scheduler = createScheduler({ concurrency: 1, clock: createSimulatedClock() });
    const r = recorder(scheduler);
    scheduler.add({ id: 'blocker', priority: 0 });
    r.ask('blocker');
    for (const [id, priority] of [
      ['low', 1],
      ['high', 9],
      ['mid', 5],
    ] as const)
      scheduler.add({ id, priority });
    r.ask('low', 'high', 'mid');
    r.done('blocker');
    r.done('high');
    r.done('mid');
    expect(r.order).toEqual(['blocker', 'high', 'mid', 'low']);
  });

  it('orders equal priorities by critical-path rank (longest expected remaining work)', () => {
    const scheduler = createScheduler({ concurrency: 1, clock: createSimulatedClock() });
    const r = recorder(scheduler);
    scheduler.batch(() => {
      // a → a2 → a3 is 30 ms of work; b alone is 20 ms; c is 5 ms.
      scheduler.add({ id: 'c', priority: 0, expectedMs: 5 });
      scheduler.add({ id: 'b', priority: 0, expectedMs: 20 });
      scheduler.add({ id: 'a', priority: 0, expectedMs: 10 });
      scheduler.add({ id: 'a2', priority: 0, expectedMs: 10, dependsOn: ['a'] });
      scheduler.add({ id: 'a3', priority: 0, expectedMs: 10, dependsOn: ['a2'] });
      r.ask('c', 'b', 'a', 'a2', 'a3');
    });
    expect(scheduler.rankOf('a')).toBe(30);
    expect(r.order).toEqual(['a']);
    r.done('a');
    // a2 and b both rank 20; a2 has a dependent so it goes first.
    expect(r.order).toEqual(['a', 'a2']);
    r.done('a2');
    r.done('b');
    r.done('a3');
    expect(r.order).toEqual(['a', 'a2', 'b', 'a3', 'c']);
  });

  it('raises ranks incrementally when dependents are added on the fly', () => {
    const scheduler = createScheduler({ concurrency: 1, clock: createSimulatedClock() });
    const r = recorder(scheduler);
    scheduler.add({ id: 'blocker', priority: 0 });
    r.ask('blocker');
    scheduler.add({ id: 'x', priority: 0, expectedMs: 5 });
    scheduler.add({ id: 'y', priority: 0, expectedMs: 6 });
    r.ask('x', 'y');
    expect(scheduler.rankOf('x')).toBe(5);
    // x is already queued; a long dependent makes it the critical one.
    scheduler.add({ id: 'x-next', priority: 0, expectedMs: 100, dependsOn: ['x'] });
    expect(scheduler.rankOf('x')).toBe(105);
    r.done('blocker');
    expect(r.order).toEqual(['blocker', 'x']);
  });

  it('accepts a dependency added after its dependent', () => {
    const scheduler = createScheduler({ concurrency: 2, clock: createSimulatedClock() });
    const r = recorder(scheduler);
    scheduler.add({ id: 'later', priority: 0, dependsOn: ['first'] });
    r.ask('later');
    expect(r.order).toEqual([]);
    scheduler.add({ id: 'first', priority: 0 });
    r.ask('first');
    expect(r.order).toEqual(['first']);
    r.done('first');
    expect(r.order).toEqual(['first', 'later']);
  });

  it('treats a dependency that already finished as done, and keeps no node for it', () => {
    const scheduler = createScheduler({ concurrency: 1, clock: createSimulatedClock() });
    const r = recorder(scheduler);
    scheduler.add({ id: 'early', priority: 0 });
    r.ask('early');
    r.done('early');
    scheduler.finish('external'); // finished outside the scheduler
    scheduler.add({ id: 'late', priority: 0, dependsOn: ['early', 'external'] });
    r.ask('late');
    expect(r.order).toEqual(['early', 'late']);
    expect(scheduler.rankOf('early')).toBeUndefined();
    expect(() => scheduler.add({ id: 'early', priority: 0 })).toThrow(/finished/);
  });

  it('forgets a finished task added with forgetWhenDone, and still unblocks its dependents', () => {
    const scheduler = createScheduler({ concurrency: 1, clock: createSimulatedClock() });
    const r = recorder(scheduler);
    scheduler.add({ id: 'first', priority: 0, forgetWhenDone: true });
    scheduler.add({ id: 'next', priority: 0, dependsOn: ['first'], forgetWhenDone: true });
    r.ask('first', 'next');
    r.done('first');
    expect(r.order).toEqual(['first', 'next']);
    // Nothing is kept for it: the same id may be added again (a remembered one would throw).
    expect(() => scheduler.add({ id: 'first', priority: 0 })).not.toThrow();
  });

  it('ages waiting low-priority work so it is not starved', () => {
    const clock = createSimulatedClock();
    const scheduler = createScheduler({ concurrency: 1, clock, ageingMs: 100 });
    const r = recorder(scheduler);
    scheduler.add({ id: 'first', priority: 5 });
    r.ask('first');
    scheduler.add({ id: 'low', priority: 0 });
    r.ask('low');
    // A stream of priority-5 work keeps arriving; each runs 100 ms.
    let previous = 'first';
    for (let i = 0; i < 10; i++) {
      const id = `high-${i}`;
      scheduler.add({ id, priority: 5 });
      r.ask(id);
      clock.advance(100);
      r.done(previous);
      previous = r.order[r.order.length - 1]!;
      if (previous === 'low') break;
    }
    // 'low' needed 5 levels: it ran once it had waited 500 ms, ahead of newer priority-5 work.
    expect(r.order.indexOf('low')).toBe(5);
  });

  it('never ages when ageingMs is Infinity', () => {
    const clock = createSimulatedClock();
    const scheduler = createScheduler({ concurrency: 1, clock, ageingMs: Number.POSITIVE_INFINITY });
    const r = recorder(scheduler);
    scheduler.add({ id: 'first', priority: 5 });
    scheduler.add({ id: 'low', priority: 0 });
    scheduler.add({ id: 'high', priority: 5 });
    r.ask('first', 'low', 'high');
    clock.advance(1e9);
    r.done('first');
    expect(r.order).toEqual(['first', 'high']);
  });

  it.each([
    ['agent', 'agent:writer'],
    ['provider', 'provider:openai'],
    ['model', 'model:openai:gpt-5.5'],
  ])('enforces a %s pool limit while the run pool has room', (_kind, pool) => {
    const scheduler = createScheduler({
      concurrency: 10,
      pools: { [pool]: 2 },
      clock: createSimulatedClock(),
    });
    const r = recorder(scheduler);
    for (let i = 0; i < 5; i++) scheduler.add({ id: `p${i}`, priority: 0, pools: [pool] });
    scheduler.add({ id: 'free', priority: 0 });
    r.ask('p0', 'p1', 'p2', 'p3', 'p4', 'free');
    expect(r.order).toEqual(['p0', 'p1', 'free']);
    expect(scheduler.inUse(pool)).toBe(2);
    expect(scheduler.queued).toBe(3);
    r.done('p1');
    expect(r.order).toEqual(['p0', 'p1', 'free', 'p2']);
    expect(scheduler.inUse(pool)).toBe(2);
  });

  it('enforces the run pool', () => {
    const scheduler = createScheduler({ concurrency: 3, clock: createSimulatedClock() });
    const r = recorder(scheduler);
    for (let i = 0; i < 5; i++) scheduler.add({ id: `t${i}`, priority: 0 });
    r.ask('t0', 't1', 't2', 't3', 't4');
    expect(scheduler.running).toBe(3);
    expect(r.order).toHaveLength(3);
  });

  it('gives a `prefix:*` limit to every pool with that prefix', () => {
    const scheduler = createScheduler({
      concurrency: 10,
      pools: { 'agent:*': 1 },
      clock: createSimulatedClock(),
    });
    const r = recorder(scheduler);
    for (const id of ['a1', 'a2']) scheduler.add({ id, priority: 0, pools: ['agent:a'] });
    for (const id of ['b1', 'b2']) scheduler.add({ id, priority: 0, pools: ['agent:b'] });
    r.ask('a1', 'a2', 'b1', 'b2');
    expect(r.order).toEqual(['a1', 'b1']);
  });

  it('holds every pool at once and never deadlocks on overlapping pools', () => {
    const clock = createSimulatedClock();
    const limits = { 'agent:x': 2, 'provider:p': 3, 'model:p:m': 1, 'agent:y': 2 };
    const scheduler = createScheduler({ concurrency: 4, pools: limits, clock });
    const poolSets = [
      ['agent:x', 'provider:p'],
      ['agent:y', 'provider:p', 'model:p:m'],
      ['agent:x', 'model:p:m'],
      ['agent:y'],
      [],
    ];
    const peak: Record<string, number> = {};
    let finished = 0;
    let peakRunning = 0;
    const total = 200;
    scheduler.batch(() => {
      for (let i = 0; i < total; i++) {
        const pools = poolSets[(i * 7) % poolSets.length]!;
        scheduler.add({ id: `t${i}`, priority: i % 3, expectedMs: 1 + (i % 5), pools });
        scheduler.request(`t${i}`, (lease) => {
          peakRunning = Math.max(peakRunning, scheduler.running);
          for (const name of Object.keys(limits))
            peak[name] = Math.max(peak[name] ?? 0, scheduler.inUse(name));
          clock.schedule(clock.now() + 1 + (i % 4), () => {
            lease.release();
            scheduler.finish(`t${i}`);
            finished++;
          });
        });
      }
    });
    clock.run();
    expect(finished).toBe(total);
    expect(peakRunning).toBe(4);
    for (const [name, limit] of Object.entries(limits)) expect(peak[name]).toBeLessThanOrEqual(limit);
    expect(peak['model:p:m']).toBe(1);
  });

  it('waits for dependencies and unblocks dependents on finish', () => {
    const scheduler = createScheduler({ concurrency: 4, clock: createSimulatedClock() });
    const r = recorder(scheduler);
    scheduler.add({ id: 'a', priority: 0 });
    scheduler.add({ id: 'b', priority: 0 });
    scheduler.add({ id: 'c', priority: 0, dependsOn: ['a', 'b'] });
    r.ask('c', 'a', 'b');
    expect(r.order).toEqual(['a', 'b']);
    r.done('a');
    expect(r.order).toEqual(['a', 'b']);
    r.done('b');
    expect(r.order).toEqual(['a', 'b', 'c']);
  });

  it('lets a suspended parent give its slots to its children and take them back', async () => {
    const scheduler = createScheduler({
      concurrency: 1,
      pools: { 'agent:sup': 1 },
      clock: createSimulatedClock(),
    });
    scheduler.add({ id: 'parent', priority: 0, pools: ['agent:sup'] });
    const parent = await scheduler.acquire('parent');
    scheduler.add({ id: 'child', priority: 0, parentId: 'parent' });
    scheduler.add({ id: 'other', priority: 0 });
    const child = scheduler.acquire('child');
    parent.suspend();
    expect(scheduler.running).toBe(1);
    const childLease = await child;
    const resumed = parent.resume();
    const other = scheduler.acquire('other');
    childLease.release();
    scheduler.finish('child');
    await resumed; // the resuming parent goes before 'other', which arrived earlier
    expect(scheduler.running).toBe(1);
    expect(scheduler.inUse('agent:sup')).toBe(1);
    parent.release();
    await other;
    expect(scheduler.inUse('agent:sup')).toBe(0);
  });

  it('removes a waiting task at once when its signal aborts', async () => {
    const scheduler = createScheduler({ concurrency: 1, clock: createSimulatedClock() });
    scheduler.add({ id: 'holder', priority: 0 });
    scheduler.add({ id: 'waiter', priority: 0 });
    scheduler.add({ id: 'next', priority: 0 });
    const holder = await scheduler.acquire('holder');
    const controller = new AbortController();
    const waiting = scheduler.acquire('waiter', controller.signal);
    const next = scheduler.acquire('next');
    expect(scheduler.queued).toBe(2);
    controller.abort(new Error('user stop'));
    await expect(waiting).rejects.toSatisfy((e: unknown) => CancelledError.isInstance(e));
    expect(scheduler.queued).toBe(1);
    holder.release();
    await next;
    expect(scheduler.running).toBe(1);
  });

  it('releases a running task’s slots at once when its signal aborts (deadline or cancel)', async () => {
    const clock = createSimulatedClock();
    const scheduler = createScheduler({ concurrency: 1, pools: { 'provider:p': 1 }, clock });
    scheduler.add({ id: 'running', priority: 0, pools: ['provider:p'] });
    scheduler.add({ id: 'next', priority: 0, pools: ['provider:p'] });
    const deadline = new AbortController();
    clock.schedule(50, () => deadline.abort(new Error('deadline')));
    await scheduler.acquire('running', deadline.signal);
    let granted = false;
    scheduler.request('next', () => {
      granted = true;
    });
    expect(granted).toBe(false);
    clock.run();
    expect(granted).toBe(true);
    expect(scheduler.inUse('provider:p')).toBe(1);
  });

  it('rejects an acquire that is already aborted and one whose task is finished while waiting', async () => {
    const scheduler = createScheduler({ concurrency: 1, clock: createSimulatedClock() });
    scheduler.add({ id: 'a', priority: 0 });
    await expect(scheduler.acquire('a', AbortSignal.abort())).rejects.toSatisfy((e: unknown) =>
      CancelledError.isInstance(e),
    );
    scheduler.add({ id: 'dep', priority: 0 });
    scheduler.add({ id: 'b', priority: 0, dependsOn: ['dep'] });
    const b = scheduler.acquire('b');
    scheduler.finish('b');
    await expect(b).rejects.toSatisfy((e: unknown) => CancelledError.isInstance(e));
  });

  it('keeps counters exact after release, double release and finish', async () => {
    const scheduler = createScheduler({
      concurrency: 2,
      pools: { 'agent:a': 1 },
      clock: createSimulatedClock(),
    });
    scheduler.add({ id: 'a', priority: 0, pools: ['agent:a'] });
    const lease = await scheduler.acquire('a');
    lease.release();
    lease.release();
    scheduler.finish('a');
    expect(scheduler.running).toBe(0);
    expect(scheduler.inUse('agent:a')).toBe(0);
  });

  it('rejects bad options and duplicate tasks', () => {
    expect(() => createScheduler({ concurrency: 0 })).toThrow(/concurrency/);
    const scheduler = createScheduler({ concurrency: 1, clock: createSimulatedClock() });
    scheduler.add({ id: 'a', priority: 0 });
    expect(() => scheduler.add({ id: 'a', priority: 0 })).toThrow(/already added/);
    expect(() => scheduler.add({ id: 'self', priority: 0, dependsOn: ['self'] })).toThrow(/itself/);
  });
});

describe('createScheduler tickets (the runtime fast path)', () => {
  it('grants a free slot synchronously and a taken one through a promise, in priority order', async () => {
    const scheduler = createScheduler({ concurrency: 1, clock: createSimulatedClock() });
    const first = scheduler.admit({ id: 'a', priority: 0 });
    const lease = scheduler.take(first);
    expect(lease).not.toBeInstanceOf(Promise);
    expect(scheduler.running).toBe(1);
    const low = scheduler.take(scheduler.admit({ id: 'low', priority: 1 }));
    const highTicket = scheduler.admit({ id: 'high', priority: 5 });
    const high = scheduler.take(highTicket);
    expect(low).toBeInstanceOf(Promise);
    expect(high).toBeInstanceOf(Promise);
    const order: string[] = [];
    void (low as Promise<Lease>).then(() => order.push('low'));
    void (high as Promise<Lease>).then(() => order.push('high'));
    scheduler.done(first);
    await Promise.resolve();
    expect(order).toEqual(['high']);
    scheduler.done(highTicket);
    await Promise.resolve();
    expect(order).toEqual(['high', 'low']);
  });

  it('keeps an admitted task finished for dependents added later, as finish does', () => {
    const scheduler = createScheduler({ concurrency: 2, clock: createSimulatedClock() });
    const upstream = scheduler.admit({ id: 'up', priority: 0 });
    scheduler.take(upstream);
    scheduler.done(upstream);
    const r = recorder(scheduler);
    scheduler.add({ id: 'down', priority: 0, dependsOn: ['up'] });
    r.ask('down');
    expect(r.order).toEqual(['down']);
    expect(() => scheduler.add({ id: 'up', priority: 0 })).toThrow(/already added/);
  });

  it('rejects a take whose signal is already aborted, and one of a finished task', async () => {
    const scheduler = createScheduler({ concurrency: 1, clock: createSimulatedClock() });
    const controller = new AbortController();
    controller.abort();
    const ticket = scheduler.admit({ id: 'x', priority: 0 });
    await expect(scheduler.take(ticket, controller.signal)).rejects.toBeInstanceOf(CancelledError);
    const other = scheduler.admit({ id: 'y', priority: 0 });
    scheduler.done(other);
    await expect(scheduler.take(other)).rejects.toBeInstanceOf(CancelledError);
    expect(scheduler.running).toBe(0);
  });

  it('does not grant synchronously inside a batch (tasks added together are ordered together)', async () => {
    const scheduler = createScheduler({ concurrency: 1, clock: createSimulatedClock() });
    const granted: string[] = [];
    scheduler.batch(() => {
      for (const [id, priority] of [
        ['low', 0],
        ['high', 3],
      ] as const) {
        const result = scheduler.take(scheduler.admit({ id, priority }));
        expect(result).toBeInstanceOf(Promise);
        void (result as Promise<Lease>).then(() => granted.push(id));
      }
    });
    await Promise.resolve();
    expect(granted).toEqual(['high']);
  });
});
