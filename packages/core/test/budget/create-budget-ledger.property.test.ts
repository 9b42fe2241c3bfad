import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Reservation } from '../../src/budget/budget-ledger.js';
import { createBudgetLedger } from '../../src/budget/create-budget-ledger.js';
import type { Budget } from '../../src/contracts/budget.js';
import { BudgetExceededError } from '../../src/errors/budget-exceeded-error.js';
import { CancelledError } from '../../src/errors/cancelled-error.js';
import { createSimulatedClock } from '../../src/scheduler/clock.js';

// One step of a random concurrent workload; numbers in [0, 1) pick targets and sizes.
const step = fc.oneof(
  fc.record({
    op: fc.constant('open' as const),
    pick: fc.double({ min: 0, max: 0.999, noNaN: true }),
    share: fc.option(fc.double({ min: 0, max: 0.999, noNaN: true })),
    agent: fc.integer({ min: 0, max: 2 }),
  }),
  fc.record({
    op: fc.constant('reserve' as const),
    pick: fc.double({ min: 0, max: 0.999, noNaN: true }),
    tokens: fc.integer({ min: 0, max: 400 }),
    cost: fc.integer({ min: 0, max: 400 }),
    cancellable: fc.boolean(),
  }),
  fc.record({
    op: fc.constant('settle' as const),
    pick: fc.double({ min: 0, max: 0.999, noNaN: true }),
    fraction: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({ op: fc.constant('release' as const), pick: fc.double({ min: 0, max: 0.999, noNaN: true }) }),
  fc.record({ op: fc.constant('abort' as const), pick: fc.double({ min: 0, max: 0.999, noNaN: true }) }),
  fc.record({ op: fc.constant('close' as const), pick: fc.double({ min: 0, max: 0.999, noNaN: true }) }),
);

interface Held {
  taskId: string;
  tokens: number;
  cost: number;
  reservation: Reservation;
  /** Aborting it releases the reservation at once. */
  controller: AbortController | undefined;
}

// Grants of waiting reservations resolve promises: two microtask turns deliver them.
const flush = async () => {
  await Promise.resolve();
  await Promise.resolve();
};
const agents = ['planner', 'writer', 'critic'];

describe('createBudgetLedger (property)', () => {
  it('never lets settled + reserved cross any cap, under any interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          tokens: fc.integer({ min: 100, max: 3000 }),
          cost: fc.integer({ min: 100, max: 3000 }),
          calls: fc.integer({ min: 1, max: 40 }),
        }),
        fc.record({ tokens: fc.integer({ min: 50, max: 2000 }), calls: fc.integer({ min: 1, max: 20 }) }),
        fc.array(step, { minLength: 40, maxLength: 160 }),
        async (run, writer, steps) => {
          // Costs are whole micro-dollars so the model below sums exactly.
          const runBudget: Budget = { tokens: run.tokens, costUsd: run.cost / 1e6, modelCalls: run.calls };
          const agentBudgets: Record<string, Budget> = {
            writer: { tokens: writer.tokens, modelCalls: writer.calls },
          };
          const ledger = createBudgetLedger({
            run: runBudget,
            agents: agentBudgets,
            clock: createSimulatedClock(),
          });
          const tasks = new Map<
            string,
            { parent: string | undefined; agent: string; budget: Budget | undefined; open: boolean }
          >();
          const open: string[] = [];
          const outstanding: Held[] = [];
          const settled: { taskId: string; tokens: number; cost: number }[] = [];
          const pending: AbortController[] = [];
          let n = 0;

          const ancestry = (id: string): string[] => {
            const chain: string[] = [];
            for (let t: string | undefined = id; t !== undefined; t = tasks.get(t)?.parent) chain.push(t);
            return chain;
          };
          const check = () => {
            for (const meter of ledger.snapshot()) {
              expect(meter.used + meter.reserved).toBeLessThanOrEqual(meter.cap + 1e-9);
              expect(meter.reserved).toBeGreaterThanOrEqual(-1e-9);
            }
            // The model: real usage (settled + outstanding) of every subtree, agent and the run.
            const all = [...settled, ...outstanding];
            const sum = (filter: (taskId: string) => boolean) =>
              all
                .filter((u) => filter(u.taskId))
                .reduce(
                  (acc, u) => ({
                    tokens: acc.tokens + u.tokens,
                    cost: acc.cost + u.cost,
                    calls: acc.calls + 1,
                  }),
                  { tokens: 0, cost: 0, calls: 0 },
                );
            const total = sum(() => true);
            expect(total.tokens).toBeLessThanOrEqual(run.tokens);
            expect(total.cost).toBeLessThanOrEqual(run.cost);
            expect(total.calls).toBeLessThanOrEqual(run.calls);
            const byWriter = sum((id) => tasks.get(id)?.agent === 'writer');
            expect(byWriter.tokens).toBeLessThanOrEqual(writer.tokens);
            expect(byWriter.calls).toBeLessThanOrEqual(writer.calls);
            for (const [id, task] of tasks) {
              if (task.budget?.tokens === undefined) continue;
              const subtree = sum((t) => ancestry(t).includes(id));
              expect(subtree.tokens).toBeLessThanOrEqual(task.budget.tokens);
            }
          };

          for (const s of steps) {
            if (s.op === 'open') {
              const parent =
                open.length === 0 || s.pick < 0.2 ? undefined : open[Math.floor(s.pick * open.length)];
              const id = `t${n++}`;
              const agent = agents[s.agent]!;
              const budget = s.share === null ? undefined : { tokens: Math.floor(s.share * 800) };
              try {
                ledger.open(id, {
                  ...(parent ? { parentId: parent } : {}),
                  agent,
                  ...(budget ? { budget } : {}),
                });
                tasks.set(id, { parent, agent, budget, open: true });
                open.push(id);
              } catch (error) {
                expect(BudgetExceededError.isInstance(error)).toBe(true);
              }
            } else if (s.op === 'reserve' && open.length > 0) {
              const taskId = open[Math.floor(s.pick * open.length)]!;
              const controller = s.cancellable ? new AbortController() : undefined;
              try {
                const result = ledger.reserve(
                  { taskId, tokens: s.tokens, costUsd: s.cost / 1e6 },
                  controller?.signal,
                );
                const hold = (reservation: Reservation) =>
                  outstanding.push({ taskId, tokens: s.tokens, cost: s.cost, reservation, controller });
                if ('then' in result) {
                  // Aborting while it waits cancels it; aborting after the grant releases it.
                  result.then(hold, (error: unknown) => {
                    expect(BudgetExceededError.isInstance(error) || CancelledError.isInstance(error)).toBe(
                      true,
                    );
                  });
                } else {
                  hold(result);
                }
                if (controller) pending.push(controller);
              } catch (error) {
                expect(BudgetExceededError.isInstance(error)).toBe(true);
              }
            } else if ((s.op === 'settle' || s.op === 'release') && outstanding.length > 0) {
              const [held] = outstanding.splice(Math.floor(s.pick * outstanding.length), 1);
              if (s.op === 'settle') {
                const tokens = Math.floor(held!.tokens * s.fraction);
                const cost = Math.floor(held!.cost * s.fraction);
                held!.reservation.settle({ tokens, costUsd: cost / 1e6 });
                settled.push({ taskId: held!.taskId, tokens, cost });
              } else {
                held!.reservation.release();
              }
            } else if (s.op === 'abort' && pending.length > 0) {
              const controller = pending.splice(Math.floor(s.pick * pending.length), 1)[0]!;
              controller.abort();
              const i = outstanding.findIndex((held) => held.controller === controller);
              if (i >= 0) outstanding.splice(i, 1);
            } else if (s.op === 'close' && open.length > 0) {
              const [id] = open.splice(Math.floor(s.pick * open.length), 1);
              ledger.close(id!);
              tasks.get(id!)!.open = false;
            }
            await flush();
            check();
          }
          // Settling everything leaves nothing reserved except shares of still-open tasks.
          for (const held of outstanding.splice(0)) held.reservation.release();
          for (const c of pending) c.abort();
          await flush();
          for (const id of open) {
            ledger.close(id);
            await flush();
            // Closing a task hands back its share, which may grant a waiting reservation of a
            // task closed later: release what that grant holds, as its caller would.
            for (const held of outstanding.splice(0)) held.reservation.release();
          }
          await flush();
          expect(ledger.waiting).toBe(0);
          for (const meter of ledger.snapshot()) expect(meter.reserved).toBeCloseTo(0, 9);
          check();
        },
      ),
      { numRuns: 100 },
    );
  }, 60_000);
});
