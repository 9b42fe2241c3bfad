import { describe, expect, it } from 'vitest';
import type { Reservation } from '../../src/budget/budget-ledger.js';
import { createBudgetLedger } from '../../src/budget/create-budget-ledger.js';
import { BudgetExceededError } from '../../src/errors/budget-exceeded-error.js';
import { CancelledError } from '../../src/errors/cancelled-error.js';
import { createSimulatedClock } from '../../src/scheduler/clock.js';

const meter = (ledger: ReturnType<typeof createBudgetLedger>, name: string) =>
  ledger.snapshot().find((m) => m.budget === name);

function expectBudgetError(fn: () => unknown, budget: string) {
  try {
    fn();
  } catch (error) {
    expect(BudgetExceededError.isInstance(error)).toBe(true);
    expect((error as BudgetExceededError).budget).toBe(budget);
    return;
  }
  throw new Error('expected BudgetExceededError');
}

describe('createBudgetLedger', () => {
  it('reserves synchronously, settles to actual and refunds the rest', () => {
    const ledger = createBudgetLedger({ run: { tokens: 1000, costUsd: 1 } });
    ledger.open('t1', { agent: 'a' });
    const r = ledger.reserve({ taskId: 't1', tokens: 600, costUsd: 0.6 }) as Reservation;
    expect(r.tokens).toBe(600);
    expect(meter(ledger, 'run.tokens')).toEqual({ budget: 'run.tokens', cap: 1000, used: 0, reserved: 600 });
    r.settle({ tokens: 250, costUsd: 0.1 });
    r.settle({ tokens: 999, costUsd: 1 }); // settling twice does nothing
    expect(meter(ledger, 'run.tokens')).toMatchObject({ used: 250, reserved: 0 });
    expect(meter(ledger, 'run.costUsd')).toMatchObject({ used: 0.1, reserved: 0 });
  });

  it('fails naming the run budget when a call can never fit', () => {
    const ledger = createBudgetLedger({ run: { tokens: 100, modelCalls: 1 } });
    ledger.open('t', { agent: 'a' });
    expectBudgetError(() => ledger.reserve({ taskId: 't', tokens: 101, costUsd: 0 }), 'run.tokens');
    (ledger.reserve({ taskId: 't', tokens: 10, costUsd: 0 }) as Reservation).settle({
      tokens: 10,
      costUsd: 0,
    });
    expectBudgetError(() => ledger.reserve({ taskId: 't', tokens: 1, costUsd: 0 }), 'run.modelCalls');
  });

  it('names agent and task budgets', () => {
    const ledger = createBudgetLedger({ run: { tokens: 10_000 }, agents: { writer: { costUsd: 0.5 } } });
    ledger.open('t-17', { agent: 'writer', budget: { tokens: 300 } });
    expectBudgetError(() => ledger.reserve({ taskId: 't-17', tokens: 301, costUsd: 0 }), 'task:t-17.tokens');
    expectBudgetError(
      () => ledger.reserve({ taskId: 't-17', tokens: 1, costUsd: 0.6 }),
      'agent:writer.costUsd',
    );
  });

  it('waits for capacity held by outstanding reservations and grants it on release', async () => {
    const ledger = createBudgetLedger({ run: { tokens: 100 } });
    ledger.open('t', { agent: 'a' });
    const first = ledger.reserve({ taskId: 't', tokens: 80, costUsd: 0 }) as Reservation;
    const second = ledger.reserve({ taskId: 't', tokens: 50, costUsd: 0 });
    expect(second).toBeInstanceOf(Promise);
    expect(ledger.waiting).toBe(1);
    first.settle({ tokens: 40, costUsd: 0 });
    const granted = await second;
    expect(granted.tokens).toBe(50);
    expect(meter(ledger, 'run.tokens')).toMatchObject({ used: 40, reserved: 50 });
  });

  it('refuses a task’s waiting reservation when the task closes, and never grants it later', async () => {
    const ledger = createBudgetLedger({ run: { tokens: 100 } });
    ledger.open('a', { agent: 'x' });
    ledger.open('b', { agent: 'x' });
    const held = ledger.reserve({ taskId: 'a', tokens: 80, costUsd: 0 }) as Reservation;
    const waiting = ledger.reserve({ taskId: 'b', tokens: 50, costUsd: 0 });
    expect(ledger.waiting).toBe(1);
    ledger.close('b');
    await expect(waiting).rejects.toSatisfy((e: unknown) => CancelledError.isInstance(e));
    expect(ledger.waiting).toBe(0);
    held.release();
    expect(meter(ledger, 'run.tokens')).toMatchObject({ used: 0, reserved: 0 });
  });

  it('fails a waiting reservation once settled usage means it can never fit', async () => {
    const ledger = createBudgetLedger({ run: { tokens: 100 } });
    ledger.open('t', { agent: 'a' });
    const first = ledger.reserve({ taskId: 't', tokens: 80, costUsd: 0 }) as Reservation;
    const second = ledger.reserve({ taskId: 't', tokens: 50, costUsd: 0 });
    first.settle({ tokens: 80, costUsd: 0 });
    await expect(second).rejects.toSatisfy(
      (e: unknown) => BudgetExceededError.isInstance(e) && e.budget === 'run.tokens',
    );
  });

  it('releases a reservation at once when its signal aborts, and drops an aborted waiter', async () => {
    const ledger = createBudgetLedger({ run: { tokens: 100 } });
    ledger.open('t', { agent: 'a' });
    const controller = new AbortController();
    ledger.reserve({ taskId: 't', tokens: 90, costUsd: 0 }, controller.signal);
    const waiterController = new AbortController();
    const waiting = ledger.reserve({ taskId: 't', tokens: 90, costUsd: 0 }, waiterController.signal);
    waiterController.abort();
    await expect(waiting).rejects.toSatisfy((e: unknown) => CancelledError.isInstance(e));
    expect(ledger.waiting).toBe(0);
    controller.abort();
    expect(meter(ledger, 'run.tokens')).toMatchObject({ used: 0, reserved: 0 });
    await expect(
      ledger.reserve({ taskId: 't', tokens: 1, costUsd: 0 }, AbortSignal.abort()),
    ).rejects.toSatisfy((e: unknown) => CancelledError.isInstance(e));
  });

  it('sets a fixed share aside for a child with its own budget and returns the unused part on close', () => {
    const ledger = createBudgetLedger({ run: { tokens: 1000 } });
    ledger.open('parent', { agent: 'sup', budget: { tokens: 600 } });
    expect(meter(ledger, 'run.tokens')).toMatchObject({ reserved: 600 });
    ledger.open('child', { parentId: 'parent', agent: 'w', budget: { tokens: 400 } });
    expect(meter(ledger, 'task:parent.tokens')).toMatchObject({ reserved: 400 });
    // The parent keeps only 200 for itself and its on-demand children: 201 waits for the child's share.
    ledger.open('sibling', { parentId: 'parent', agent: 'w' });
    expect(ledger.reserve({ taskId: 'sibling', tokens: 201, costUsd: 0 })).toBeInstanceOf(Promise);
    expect(ledger.waiting).toBe(1);
    expectBudgetError(
      () => ledger.reserve({ taskId: 'sibling', tokens: 601, costUsd: 0 }),
      'task:parent.tokens',
    );
    expectBudgetError(
      () => ledger.open('greedy', { parentId: 'parent', agent: 'w', budget: { tokens: 201 } }),
      'task:parent.tokens',
    );
    const r = ledger.reserve({ taskId: 'child', tokens: 300, costUsd: 0 }) as Reservation;
    r.settle({ tokens: 120, costUsd: 0 });
    ledger.close('child');
    // The waiting sibling got the returned share.
    expect(ledger.waiting).toBe(0);
    expect(meter(ledger, 'task:parent.tokens')).toMatchObject({ used: 120, reserved: 201 });
    ledger.close('sibling');
    ledger.close('parent');
    expect(meter(ledger, 'run.tokens')).toMatchObject({ used: 120, reserved: 201 });
  });

  it('keeps a closed child’s outstanding reservation counted in its ancestors until it settles', async () => {
    const ledger = createBudgetLedger({ run: { tokens: 1000 } });
    ledger.open('child', { agent: 'w', budget: { tokens: 500 } });
    const r = ledger.reserve({ taskId: 'child', tokens: 300, costUsd: 0 }) as Reservation;
    ledger.close('child');
    expect(meter(ledger, 'run.tokens')).toMatchObject({ used: 0, reserved: 300 });
    // 701 more would cross the cap while the 300 is out: it waits.
    const waiting = ledger.reserve({ taskId: 'other', tokens: 701, costUsd: 0 });
    expect(ledger.waiting).toBe(1);
    r.settle({ tokens: 100, costUsd: 0 });
    expect(meter(ledger, 'run.tokens')).toMatchObject({ used: 100, reserved: 701 });
    expect(await waiting).toHaveProperty('tokens', 701);
  });

  it('lets children without a budget draw on demand from the parent’s remainder', () => {
    const ledger = createBudgetLedger({ run: { tokens: 1000 } });
    ledger.open('parent', { agent: 'sup', budget: { tokens: 100 } });
    ledger.open('a', { parentId: 'parent', agent: 'w' });
    ledger.open('b', { parentId: 'parent', agent: 'w' });
    (ledger.reserve({ taskId: 'a', tokens: 70, costUsd: 0 }) as Reservation).settle({
      tokens: 70,
      costUsd: 0,
    });
    expectBudgetError(() => ledger.reserve({ taskId: 'b', tokens: 31, costUsd: 0 }), 'task:parent.tokens');
    expect(ledger.reserve({ taskId: 'b', tokens: 30, costUsd: 0 })).toHaveProperty('tokens', 30);
  });

  it('charges dimensions the child does not cap to its ancestors', () => {
    const ledger = createBudgetLedger({ run: { tokens: 1000, costUsd: 1 } });
    ledger.open('child', { agent: 'w', budget: { tokens: 100 } });
    (ledger.reserve({ taskId: 'child', tokens: 50, costUsd: 0.25 }) as Reservation).settle({
      tokens: 50,
      costUsd: 0.25,
    });
    expect(meter(ledger, 'run.costUsd')).toMatchObject({ used: 0.25 });
  });

  it('counts model calls, and a release gives the call back', () => {
    const ledger = createBudgetLedger({ agents: { w: { modelCalls: 1 } } });
    ledger.open('t', { agent: 'w' });
    (ledger.reserve({ taskId: 't', tokens: 1, costUsd: 0 }) as Reservation).release();
    const r = ledger.reserve({ taskId: 't', tokens: 1, costUsd: 0 }) as Reservation;
    r.settle({ tokens: 1, costUsd: 0 });
    expectBudgetError(() => ledger.reserve({ taskId: 't', tokens: 1, costUsd: 0 }), 'agent:w.modelCalls');
  });

  it('enforces wall time caps on the ledger clock and reports the deadline', () => {
    const clock = createSimulatedClock(1000);
    const ledger = createBudgetLedger({ run: { timeMs: 10_000 }, clock });
    ledger.open('t', { agent: 'a', budget: { timeMs: 500 } });
    expect(ledger.deadlineOf('t')).toBe(1500);
    expect(ledger.reserve({ taskId: 't', tokens: 1, costUsd: 0 })).toHaveProperty('tokens', 1);
    clock.advance(500);
    expectBudgetError(() => ledger.reserve({ taskId: 't', tokens: 1, costUsd: 0 }), 'task:t.timeMs');
    ledger.open('u', { agent: 'a' });
    clock.advance(9_500);
    expectBudgetError(() => ledger.reserve({ taskId: 'u', tokens: 1, costUsd: 0 }), 'run.timeMs');
  });

  it('keeps exact cents over many small costs', () => {
    const ledger = createBudgetLedger({ run: { costUsd: 0.3 } });
    ledger.open('t', { agent: 'a' });
    for (let i = 0; i < 3; i++)
      (ledger.reserve({ taskId: 't', tokens: 0, costUsd: 0.1 }) as Reservation).settle({
        tokens: 0,
        costUsd: 0.1,
      });
    expect(meter(ledger, 'run.costUsd')).toMatchObject({ used: 0.3, reserved: 0 });
  });
});
