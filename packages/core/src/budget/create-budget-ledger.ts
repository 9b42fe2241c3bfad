import type { Budget } from '../contracts/budget.js';
import { BudgetExceededError } from '../errors/budget-exceeded-error.js';
import { CancelledError } from '../errors/cancelled-error.js';
import type { CancellationSignal } from '../runtime/task-cancellation.js';
import { type Clock, realClock } from '../scheduler/clock.js';
import type { BudgetLedger, Reservation, ReservationRequest } from './budget-ledger.js';

/** Options of `createBudgetLedger`. */
export interface BudgetLedgerOptions {
  /** Caps for the whole run. */
  run?: Budget;
  /** Caps per agent name, over all of that agent's tasks. */
  agents?: Readonly<Record<string, Budget>>;
  /** Clock for `timeMs` caps (default the real clock). */
  clock?: Clock;
}

/** One capped dimension of one budget, as `snapshot` shows it. */
export interface BudgetMeterSnapshot {
  /** e.g. `run.tokens`, `task:t-17.costUsd`, `agent:writer.modelCalls`. */
  budget: string;
  cap: number;
  /** Settled usage. */
  used: number;
  /** Outstanding reservations, plus shares set aside for children with their own budget. */
  reserved: number;
}

/** The ledger `createBudgetLedger` returns: the contract plus inspection. */
export interface HardBudgetLedger extends BudgetLedger {
  /** Every open capped budget: cap, settled and reserved. `used + reserved <= cap` always holds. */
  snapshot(): BudgetMeterSnapshot[];
  /** The earliest `timeMs` deadline on the task's path (clock ms), if any. */
  deadlineOf(taskId: string): number | undefined;
  /** Reservations waiting for capacity. */
  readonly waiting: number;
}

const COST = 1;

const dimensionNames = ['tokens', 'costUsd', 'modelCalls'] as const;
// Costs are kept in integer nano-dollars so sums are exact and a cap compares exactly.
const NANO = 1e9;
const toNano = (usd: number) => Math.round(usd * NANO);

/** One capped dimension of one budget scope. */
class Meter {
  used = 0;
  held = 0;
  closed = false;
  constructor(
    readonly name: string,
    readonly dimension: number,
    readonly cap: number,
    /** Ancestor meters this one's cap was set aside from (a fixed share); empty for run and agents. */
    readonly carvedFrom: readonly Meter[],
  ) {}

  /** Adds to held/used; once closed, the change lands on the meters it was carved from. */
  apply(held: number, used: number): void {
    this.held += held;
    this.used += used;
    if (this.closed) for (const parent of this.carvedFrom) parent.apply(held, used);
  }
}

interface Deadline {
  budget: string;
  cap: number;
  at: number;
}

/** A task's view: which meters a reservation for it is checked against and charged to. */
interface Scope {
  /** The task whose own budget this is (children without a budget share their parent's scope). */
  owner: string | undefined;
  /** Task and ancestor meters (the nearest fixed share per dimension, and everything above for the rest). */
  chain: readonly Meter[];
  /** The task's own meters (to close with it). */
  own: readonly Meter[];
  agent: AgentScope;
  deadlines: readonly Deadline[];
}

interface AgentScope {
  meters: readonly Meter[];
  budget: Budget | undefined;
  deadline: Deadline | undefined;
}

const noMeters: Meter[] = [];
const noDeadlines: Deadline[] = [];

function metersOf(prefix: string, budget: Budget | undefined, carveFrom?: readonly Meter[]): Meter[] {
  if (budget === undefined) return noMeters;
  const meters: Meter[] = [];
  const caps = [
    budget.tokens,
    budget.costUsd === undefined ? undefined : toNano(budget.costUsd),
    budget.modelCalls,
  ];
  caps.forEach((cap, dimension) => {
    if (cap === undefined) return;
    const from = carveFrom ? carveFrom.filter((m) => m.dimension === dimension) : noMeters;
    meters.push(new Meter(`${prefix}.${dimensionNames[dimension]}`, dimension, cap, from));
  });
  return meters;
}

const display = (dimension: number, value: number) => (dimension === COST ? value / NANO : value);

class ReservationImpl implements Reservation {
  readonly tokens: number;
  readonly costUsd: number;
  /** 0 open, 1 settled, 2 released. */
  state = 0;
  signal: CancellationSignal | null = null;
  constructor(
    readonly number: number,
    request: ReservationRequest,
    readonly amounts: readonly number[],
    readonly scope: Scope,
    readonly ledger: LedgerImpl,
  ) {
    this.tokens = request.tokens;
    this.costUsd = request.costUsd;
  }

  // Made when read (an event a listener sees): most reservations are never named.
  get id(): string {
    return `r${this.number}`;
  }

  settle(actual: { tokens: number; costUsd: number }): void {
    if (this.state !== 0) return;
    this.state = 1;
    this.detach();
    const used = [Math.max(0, actual.tokens), toNano(Math.max(0, actual.costUsd)), 1];
    this.ledger.uncharge(this.scope, this.amounts, used);
  }

  release(): void {
    if (this.state !== 0) return;
    this.state = 2;
    this.detach();
    this.ledger.uncharge(this.scope, this.amounts, undefined);
  }

  private detach(): void {
    if (this.signal !== null) {
      this.signal.removeEventListener('abort', this);
      this.signal = null;
    }
  }

  /** Cancelling the call's signal returns the reservation at once. */
  handleEvent(): void {
    this.release();
  }
}

interface Waiter {
  request: ReservationRequest;
  scope: Scope;
  amounts: number[];
  signal: CancellationSignal | undefined;
  resolve: (reservation: Reservation) => void;
  reject: (error: unknown) => void;
  onAbort: (() => void) | undefined;
}

class LedgerImpl implements HardBudgetLedger {
  private readonly scopes = new Map<string, Scope>();
  private readonly root: Scope;
  private readonly agents = new Map<string, AgentScope>();
  private readonly openMeters = new Set<Meter>();
  private readonly waiters: Waiter[] = [];
  private readonly clock: Clock;
  private readonly agentBudgets: Readonly<Record<string, Budget>>;
  private readonly noAgent: AgentScope = { meters: noMeters, budget: undefined, deadline: undefined };
  private next = 0;

  constructor(options: BudgetLedgerOptions) {
    this.clock = options.clock ?? realClock();
    this.agentBudgets = options.agents ?? {};
    const run = metersOf('run', options.run);
    for (const m of run) this.openMeters.add(m);
    const timeMs = options.run?.timeMs;
    this.root = {
      owner: undefined,
      chain: run,
      own: noMeters,
      agent: this.noAgent,
      deadlines:
        timeMs === undefined
          ? noDeadlines
          : [{ budget: 'run.timeMs', cap: timeMs, at: this.clock.now() + timeMs }],
    };
  }

  get waiting(): number {
    return this.waiters.length;
  }

  private agentScope(agent: string): AgentScope {
    let scope = this.agents.get(agent);
    if (scope === undefined) {
      const budget = this.agentBudgets[agent];
      if (budget === undefined) {
        scope = this.noAgent;
      } else {
        const meters = metersOf(`agent:${agent}`, budget);
        for (const m of meters) this.openMeters.add(m);
        scope = {
          meters,
          budget,
          deadline:
            budget.timeMs === undefined
              ? undefined
              : { budget: `agent:${agent}.timeMs`, cap: budget.timeMs, at: this.clock.now() + budget.timeMs },
        };
      }
      this.agents.set(agent, scope);
    }
    return scope;
  }

  open(taskId: string, options: { parentId?: string; agent: string; budget?: Budget }): void {
    const parent =
      (options.parentId === undefined ? undefined : this.scopes.get(options.parentId)) ?? this.root;
    const agent = this.agentScope(options.agent);
    const budget = options.budget;
    if (budget === undefined && agent === parent.agent) {
      // Same view as the parent (the common fan-out case): share its scope object; a task
      // that sees only the run's caps is not even stored (lookups fall back to the run).
      if (parent !== this.root) this.scopes.set(taskId, parent);
      return;
    }
    let chain = parent.chain;
    let own = noMeters;
    let deadlines = parent.deadlines;
    if (budget !== undefined) {
      own = metersOf(`task:${taskId}`, budget, parent.chain);
      if (own.length > 0) {
        // A fixed share: set the child's cap aside in every ancestor meter of that dimension now.
        for (const m of own) {
          for (const a of m.carvedFrom) {
            if (a.used + a.held + m.cap > a.cap) {
              throw new BudgetExceededError(a.name, display(a.dimension, a.cap), display(a.dimension, m.cap));
            }
          }
        }
        for (const m of own) {
          for (const a of m.carvedFrom) a.apply(m.cap, 0);
          this.openMeters.add(m);
        }
        const dims = new Set(own.map((m) => m.dimension));
        chain = [...own, ...parent.chain.filter((m) => !dims.has(m.dimension))];
      }
      if (budget.timeMs !== undefined) {
        deadlines = [
          ...deadlines,
          { budget: `task:${taskId}.timeMs`, cap: budget.timeMs, at: this.clock.now() + budget.timeMs },
        ];
      }
    }
    this.scopes.set(taskId, { owner: taskId, chain, own, agent, deadlines });
  }

  close(taskId: string): void {
    // A closed task can hold nothing: reservations it is still waiting for are refused, or
    // a grant arriving later would be held for a task nobody will settle.
    if (this.waiters.length > 0) {
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        const w = this.waiters[i]!;
        if (w.request.taskId !== taskId) continue;
        this.waiters.splice(i, 1);
        if (w.signal && w.onAbort) w.signal.removeEventListener('abort', w.onAbort);
        w.reject(new CancelledError(`reservation for task ${taskId} was cancelled: the task closed`));
      }
    }
    const scope = this.scopes.get(taskId);
    if (scope === undefined) return;
    this.scopes.delete(taskId);
    if (scope.owner !== taskId || scope.own.length === 0) return;
    for (const m of scope.own) {
      this.openMeters.delete(m);
      m.closed = true;
      // Hand back the unused part of the share; what was used (or is still reserved) stays with the ancestors.
      for (const a of m.carvedFrom) a.apply(m.held - m.cap, m.used);
    }
    this.wake();
  }

  isCapped(taskId: string): boolean {
    const scope = this.scopes.get(taskId) ?? this.root;
    return (
      scope.chain.length > 0 ||
      scope.agent.meters.length > 0 ||
      scope.deadlines.length > 0 ||
      scope.agent.deadline !== undefined
    );
  }

  deadlineOf(taskId: string): number | undefined {
    const scope = this.scopes.get(taskId) ?? this.root;
    let at: number | undefined;
    for (const d of scope.deadlines) if (at === undefined || d.at < at) at = d.at;
    const agentDeadline = scope.agent.deadline;
    if (agentDeadline !== undefined && (at === undefined || agentDeadline.at < at)) at = agentDeadline.at;
    return at;
  }

  snapshot(): BudgetMeterSnapshot[] {
    return [...this.openMeters].map((m) => ({
      budget: m.name,
      cap: display(m.dimension, m.cap),
      used: display(m.dimension, m.used),
      reserved: display(m.dimension, m.held),
    }));
  }

  reserve(request: ReservationRequest, signal?: CancellationSignal): Reservation | Promise<Reservation> {
    const scope = this.scopes.get(request.taskId) ?? this.root;
    if (signal?.aborted)
      return Promise.reject(new CancelledError(`reservation for task ${request.taskId} was cancelled`));
    const amounts = [Math.max(0, request.tokens), toNano(Math.max(0, request.costUsd)), 1];
    const verdict = this.check(scope, amounts);
    if (verdict === 'fits') return this.grant(request, scope, amounts, signal);
    if (verdict !== 'wait') throw verdict;
    return new Promise<Reservation>((resolve, reject) => {
      const waiter: Waiter = { request, scope, amounts, signal, resolve, reject, onAbort: undefined };
      if (signal !== undefined) {
        waiter.onAbort = () => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(
            new CancelledError(
              `reservation for task ${request.taskId} was cancelled while waiting for budget`,
            ),
          );
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.waiters.push(waiter);
    });
  }

  /** 'fits', 'wait' (outstanding reservations may free room) or the error for a request that never fits. */
  private check(scope: Scope, amounts: readonly number[]): 'fits' | 'wait' | BudgetExceededError {
    if (scope.deadlines.length > 0 || scope.agent.deadline !== undefined) {
      const now = this.clock.now();
      for (const d of scope.deadlines)
        if (now >= d.at) return new BudgetExceededError(d.budget, d.cap, now - (d.at - d.cap));
      const d = scope.agent.deadline;
      if (d !== undefined && now >= d.at)
        return new BudgetExceededError(d.budget, d.cap, now - (d.at - d.cap));
    }
    let verdict: 'fits' | 'wait' = 'fits';
    for (const m of scope.chain) {
      const amount = amounts[m.dimension]!;
      if (m.used + amount > m.cap) return this.exceeded(m, amount);
      if (m.used + m.held + amount > m.cap) verdict = 'wait';
    }
    for (const m of scope.agent.meters) {
      const amount = amounts[m.dimension]!;
      if (m.used + amount > m.cap) return this.exceeded(m, amount);
      if (m.used + m.held + amount > m.cap) verdict = 'wait';
    }
    return verdict;
  }

  private exceeded(m: Meter, amount: number): BudgetExceededError {
    return new BudgetExceededError(
      m.name,
      display(m.dimension, m.cap),
      display(m.dimension, m.used + amount),
    );
  }

  private grant(
    request: ReservationRequest,
    scope: Scope,
    amounts: readonly number[],
    signal: CancellationSignal | undefined,
  ): Reservation {
    for (const m of scope.chain) m.apply(amounts[m.dimension]!, 0);
    for (const m of scope.agent.meters) m.apply(amounts[m.dimension]!, 0);
    const reservation = new ReservationImpl(++this.next, request, amounts, scope, this);
    if (signal !== undefined) {
      reservation.signal = signal;
      signal.addEventListener('abort', reservation);
    }
    return reservation;
  }

  /** Returns a reservation's hold; with `used`, books actual usage instead. */
  uncharge(scope: Scope, amounts: readonly number[], used: readonly number[] | undefined): void {
    for (const m of scope.chain) m.apply(-amounts[m.dimension]!, used === undefined ? 0 : used[m.dimension]!);
    for (const m of scope.agent.meters)
      m.apply(-amounts[m.dimension]!, used === undefined ? 0 : used[m.dimension]!);
    if (this.waiters.length > 0) this.wake();
  }

  /** Grants waiting reservations that fit now (in arrival order) and fails those that never will. */
  private wake(): void {
    if (this.waiters.length === 0) return;
    const waiters = this.waiters.splice(0);
    for (const w of waiters) {
      const verdict = this.check(w.scope, w.amounts);
      if (verdict === 'wait') {
        this.waiters.push(w);
        continue;
      }
      if (w.onAbort !== undefined) w.signal!.removeEventListener('abort', w.onAbort);
      if (verdict === 'fits') w.resolve(this.grant(w.request, w.scope, w.amounts, w.signal));
      else w.reject(verdict);
    }
  }
}

/**
 * Creates the hard budget ledger: caps on tokens, cost, model calls and wall time at run,
 * task-subtree and agent level. A reservation is checked against every cap on the task's
 * path at once and held until settled, so the caps hold under any interleaving. A child
 * opened with its own `budget` gets a fixed share set aside from its ancestors' caps; a
 * child without one draws on demand from its parent's remainder. A reservation that could
 * fit once others settle waits (a promise); one that never can fails with
 * `BudgetExceededError` naming the budget.
 */
export function createBudgetLedger(options: BudgetLedgerOptions = {}): HardBudgetLedger {
  return new LedgerImpl(options);
}
