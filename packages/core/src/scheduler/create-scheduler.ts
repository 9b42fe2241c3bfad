import { CancelledError } from '../errors/cancelled-error.js';
import { ValidationError } from '../errors/validation-error.js';
import type { CancellationSignal } from '../runtime/task-cancellation.js';
import { type Clock, realClock } from './clock.js';
import type { Lease, Scheduler, SchedulerTask } from './scheduler.js';

/** Options of `createScheduler`. */
export interface SchedulerOptions {
  /** Most tasks holding a run slot at once. */
  concurrency: number;
  /**
   * Limits of named pools (`agent:writer`, `provider:openai`, `model:openai:gpt-5.5`). A key
   * `prefix:*` gives every pool with that prefix its own limit of that size. Pools named on a
   * task but without a limit here are unlimited.
   */
  pools?: Readonly<Record<string, number>>;
  /**
   * Ageing: a ready task's effective priority is `priority + waitedMs / ageingMs`. When the
   * oldest waiting task of a lower priority reaches the highest waiting priority it runs
   * next. Default 60 000 ms (one priority level per minute waited); `Infinity` turns ageing off.
   */
  ageingMs?: number;
  /** Expected duration used for the critical-path rank of tasks that give none. Default 1. */
  defaultExpectedMs?: number;
  /** Time source; default the real clock. */
  clock?: Clock;
}

/** The scheduler `createScheduler` returns: the `Scheduler` contract plus batching and inspection. */
export interface PriorityScheduler extends Scheduler {
  /**
   * Grants the task's slots through a callback instead of a promise (the simulator's path;
   * same queue and order as `acquire`).
   */
  request(
    taskId: string,
    onGranted: (lease: Lease) => void,
    signal?: CancellationSignal,
    onCancelled?: (error: CancelledError) => void,
  ): void;
  /**
   * Registers a task like `add` and returns its ticket: the runtime hands the ticket back to
   * `take` and `done` instead of the id, so the hot path never looks a task up.
   */
  admit(task: SchedulerTask): SchedulerTicket;
  /**
   * `acquire` for an admitted task. When the task may start at once (it is first in order
   * and its slots are free) the lease is returned synchronously, with no promise in between;
   * otherwise a promise, as from `acquire`.
   */
  take(ticket: SchedulerTicket, signal?: CancellationSignal): Lease | Promise<Lease>;
  /** `finish` for an admitted task. */
  done(ticket: SchedulerTicket): void;
  /** Runs `fn` with dispatching deferred to its end, so tasks added together are ordered together. */
  batch<T>(fn: () => T): T;
  /** The critical-path rank of a task (its expected work plus the longest expected chain after it). */
  rankOf(taskId: string): number | undefined;
  /** Tasks waiting for a slot (ready, in priority order or parked on a full pool). */
  readonly queued: number;
  /** Slots in use in a named pool (`run` for the run pool). */
  inUse(pool: string): number;
}

/** An admitted task's handle (see `PriorityScheduler.admit`); opaque to callers. */
export interface SchedulerTicket {
  readonly id: string;
}

/** Whether `scheduler` offers the ticket fast path (the default scheduler does). */
export function hasTickets(scheduler: Scheduler): scheduler is PriorityScheduler {
  return scheduler instanceof SchedulerImpl;
}

// The grant callback of a `take` that may be granted synchronously: dispatch calls it and
// `take` then sees the node running.
const grantedNow = (): void => {};

// Node states.
const PLACEHOLDER = 0; // named as a dependency, not added yet
const IDLE = 1; // added, nobody asked for its slots
const BLOCKED = 2; // asked for slots, dependencies pending
const QUEUED = 3; // ready, in the main heap
const PARKED = 4; // ready, waiting in a full pool's heap
const RUNNING = 5; // holds its slots
const SUSPENDED = 6; // gave its slots back while waiting on children
const DONE = 7; // released; no more slots

const noPools: Pool[] = [];
const noNodes: TaskNode[] = [];

class Pool {
  inUse = 0;
  readonly parked = new NodeHeap();
  constructor(
    readonly name: string,
    readonly limit: number,
  ) {}
}

/** A task inside the scheduler; it is also the task's Lease. */
class TaskNode implements Lease {
  state = PLACEHOLDER;
  priority = 0;
  expectedMs = 0;
  /** expectedMs + the longest expected chain of dependents. */
  rank = 0;
  successorCount = 0;
  seq = 0;
  readyAt = 0;
  pendingDeps = 0;
  resumed = false;
  finished = false;
  forgetWhenDone = false;
  heapIndex = -1;
  heap: NodeHeap | null = null;
  /** The priority class it is counted in while waiting. */
  cls: PriorityClass | null = null;
  pools: Pool[] = noPools;
  predecessors: TaskNode[] = noNodes;
  successors: TaskNode[] = noNodes;
  granted: ((lease: Lease) => void) | null = null;
  rejected: ((error: CancelledError) => void) | null = null;
  signal: CancellationSignal | null = null;

  constructor(
    readonly id: string,
    readonly owner: SchedulerImpl,
  ) {}

  release(): void {
    this.owner.releaseNode(this, DONE);
  }

  suspend(): void {
    if (this.state === RUNNING) this.owner.releaseNode(this, SUSPENDED);
  }

  resume(): Promise<void> {
    return this.owner.resumeNode(this);
  }

  /** AbortSignal listener (an object, so no closure per task). */
  handleEvent(): void {
    this.owner.cancelNode(this);
  }
}

function before(a: TaskNode, b: TaskNode): boolean {
  if (a.resumed !== b.resumed) return a.resumed;
  if (a.priority !== b.priority) return a.priority > b.priority;
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (a.successorCount !== b.successorCount) return a.successorCount > b.successorCount;
  if (a.expectedMs !== b.expectedMs) return a.expectedMs > b.expectedMs;
  return a.seq < b.seq;
}

/** An indexed binary heap of task nodes (best first), supporting removal and re-keying. */
class NodeHeap {
  readonly items: TaskNode[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): TaskNode | undefined {
    return this.items[0];
  }

  push(node: TaskNode): void {
    node.heap = this;
    this.items.push(node);
    this.up(node, this.items.length - 1);
  }

  pop(): TaskNode | undefined {
    const top = this.items[0];
    if (top !== undefined) this.remove(top);
    return top;
  }

  remove(node: TaskNode): void {
    const items = this.items;
    const i = node.heapIndex;
    const last = items.pop()!;
    node.heap = null;
    node.heapIndex = -1;
    if (last !== node) {
      items[i] = last;
      last.heapIndex = i;
      this.up(last, i);
      this.down(last, last.heapIndex);
    }
  }

  /** Restores order after a node's key improved. */
  raised(node: TaskNode): void {
    this.up(node, node.heapIndex);
  }

  private up(node: TaskNode, start: number): void {
    const items = this.items;
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent]!;
      if (!before(node, p)) break;
      items[i] = p;
      p.heapIndex = i;
      i = parent;
    }
    items[i] = node;
    node.heapIndex = i;
  }

  private down(node: TaskNode, start: number): void {
    const items = this.items;
    const n = items.length;
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && before(items[r]!, items[l]!) ? r : l;
      const child = items[c]!;
      if (!before(child, node)) break;
      items[i] = child;
      child.heapIndex = i;
      i = c;
    }
    items[i] = node;
    node.heapIndex = i;
  }
}

/** Waiting tasks of one priority in arrival order, for ageing (lazy removal). */
class PriorityClass {
  readonly fifo: TaskNode[] = [];
  head = 0;
  count = 0;
  constructor(readonly priority: number) {}

  oldest(): TaskNode | undefined {
    const fifo = this.fifo;
    while (this.head < fifo.length) {
      const node = fifo[this.head]!;
      if (node.state === QUEUED && !node.resumed && node.priority === this.priority) return node;
      this.head++;
    }
    return undefined;
  }
}

function cancelledError(node: TaskNode): CancelledError {
  const reason = node.signal?.reason;
  return new CancelledError(
    `task ${node.id} was cancelled before it got a slot`,
    reason === undefined ? {} : { cause: reason },
  );
}

class SchedulerImpl implements PriorityScheduler {
  readonly concurrency: number;
  running = 0;
  queuedCount = 0;
  // A finished task's entry is replaced by this shared mark: dependents added later still see
  // it finished, one map keeps every id (one lookup on `add`), and its node can be collected.
  private readonly nodes = new Map<string, TaskNode>();
  private readonly finishedMark: TaskNode = new TaskNode('', this);
  private readonly heap = new NodeHeap();
  private readonly classes = new Map<number, PriorityClass>();
  private lastClass: PriorityClass | undefined;
  private readonly poolsByName = new Map<string, Pool | null>();
  private readonly parkedPools = new Set<Pool>();
  private readonly poolLimits: Readonly<Record<string, number>>;
  private readonly ageingMs: number;
  private readonly defaultExpectedMs: number;
  private readonly clock: Clock;
  private seq = 0;
  private batchDepth = 0;
  private dispatching = false;
  private dirty = false;

  constructor(options: SchedulerOptions) {
    const concurrency = options.concurrency;
    if (!(concurrency >= 1))
      throw new ValidationError(`scheduler concurrency must be at least 1, got ${concurrency}`);
    this.concurrency = Math.floor(concurrency);
    this.poolLimits = options.pools ?? {};
    for (const [name, limit] of Object.entries(this.poolLimits)) {
      if (!(limit >= 1)) throw new ValidationError(`pool ${name} limit must be at least 1, got ${limit}`);
    }
    this.ageingMs = options.ageingMs ?? 60_000;
    this.defaultExpectedMs = options.defaultExpectedMs ?? 1;
    this.clock = options.clock ?? realClock();
    this.finishedMark.state = DONE;
    this.finishedMark.finished = true;
  }

  get queued(): number {
    return this.queuedCount;
  }

  inUse(pool: string): number {
    if (pool === 'run') return this.running;
    return this.poolsByName.get(pool)?.inUse ?? 0;
  }

  rankOf(taskId: string): number | undefined {
    const node = this.nodes.get(taskId);
    return node === undefined || node === this.finishedMark || node.state === PLACEHOLDER
      ? undefined
      : node.rank;
  }

  batch<T>(fn: () => T): T {
    this.batchDepth++;
    try {
      return fn();
    } finally {
      this.batchDepth--;
      if (this.batchDepth === 0 && this.dirty) this.dispatch();
    }
  }

  add(task: SchedulerTask): void {
    this.addNode(task);
  }

  admit(task: SchedulerTask): SchedulerTicket {
    return this.addNode(task);
  }

  private addNode(task: SchedulerTask): TaskNode {
    let node = this.nodes.get(task.id);
    if (node === this.finishedMark) {
      throw new ValidationError(`task ${task.id} was already added to the scheduler and finished`);
    }
    if (node === undefined) {
      node = new TaskNode(task.id, this);
      this.nodes.set(task.id, node);
    } else if (node.state !== PLACEHOLDER) {
      throw new ValidationError(`task ${task.id} was already added to the scheduler`);
    }
    node.state = IDLE;
    node.forgetWhenDone = task.forgetWhenDone === true;
    node.priority = task.priority ?? 0;
    const expected = task.expectedMs ?? this.defaultExpectedMs;
    node.expectedMs = Math.max(expected, 0);
    // A placeholder may already have dependents: its rank starts from theirs.
    let best = 0;
    for (const s of node.successors) if (s.rank > best) best = s.rank;
    node.rank = node.expectedMs + best;
    if (task.pools !== undefined && task.pools.length > 0) node.pools = this.resolvePools(task.pools);
    const deps = task.dependsOn;
    if (deps !== undefined && deps.length > 0) {
      const predecessors: TaskNode[] = [];
      for (const depId of deps) {
        if (depId === task.id) throw new ValidationError(`task ${task.id} depends on itself`);
        let dep = this.nodes.get(depId);
        if (dep === undefined) {
          dep = new TaskNode(depId, this);
          this.nodes.set(depId, dep);
        }
        if (dep.finished) continue;
        predecessors.push(dep);
        node.pendingDeps++;
        if (dep.successors === noNodes) dep.successors = [];
        dep.successors.push(node);
        dep.successorCount++;
        if (dep.heap !== null) dep.heap.raised(dep);
      }
      if (predecessors.length > 0) {
        node.predecessors = predecessors;
        this.propagateRank(node);
      }
    } else if (node.successors.length > 0) {
      this.propagateRank(node);
    }
    return node;
  }

  /** Raises the rank of not-yet-started predecessors after `start`'s rank grew. */
  private propagateRank(start: TaskNode): void {
    const stack = [start];
    while (stack.length > 0) {
      const node = stack.pop()!;
      for (const p of node.predecessors) {
        if (p.state >= RUNNING) continue;
        const rank = (p.state === PLACEHOLDER ? this.defaultExpectedMs : p.expectedMs) + node.rank;
        if (rank > p.rank) {
          p.rank = rank;
          if (p.heap !== null) p.heap.raised(p);
          stack.push(p);
        }
      }
    }
  }

  private resolvePools(names: readonly string[]): Pool[] {
    let pools: Pool[] | undefined;
    for (const name of names) {
      let pool = this.poolsByName.get(name);
      if (pool === undefined) {
        let limit = this.poolLimits[name];
        if (limit === undefined) {
          const colon = name.indexOf(':');
          if (colon > 0) limit = this.poolLimits[`${name.slice(0, colon)}:*`];
        }
        // Unlimited pools are remembered as null so the hot path never looks twice.
        pool = limit === undefined ? null : new Pool(name, Math.floor(limit));
        this.poolsByName.set(name, pool);
      }
      if (pool === null) continue;
      pools ??= [];
      if (!pools.includes(pool)) pools.push(pool);
    }
    return pools ?? noPools;
  }

  acquire(taskId: string, signal?: CancellationSignal): Promise<Lease> {
    return new Promise<Lease>((resolve, reject) => {
      this.request(taskId, resolve, signal, reject);
    });
  }

  request(
    taskId: string,
    onGranted: (lease: Lease) => void,
    signal?: CancellationSignal,
    onCancelled?: (error: CancelledError) => void,
  ): void {
    let node = this.nodes.get(taskId);
    if (node === this.finishedMark) {
      onCancelled?.(new CancelledError(`task ${taskId} already finished`));
      return;
    }
    if (node === undefined || node.state === PLACEHOLDER) {
      // Acquiring an unknown task registers it with no dependencies.
      node = this.addNode({ id: taskId, priority: 0 });
    }
    this.requestNode(node, onGranted, signal, onCancelled);
  }

  take(ticket: SchedulerTicket, signal?: CancellationSignal): Lease | Promise<Lease> {
    const node = ticket as TaskNode;
    // Anything unusual (asked twice, finished, cancelled already) takes the general path.
    if (node.owner !== this || node.state !== IDLE || node.finished || signal?.aborted)
      return this.acquire(node.id, signal);
    this.requestNode(node, grantedNow, signal, undefined);
    // Dispatch ran inside `requestNode`: the node is running if it was granted at once.
    if ((node.state as number) === RUNNING) return node;
    return new Promise<Lease>((resolve, reject) => {
      node.granted = resolve;
      node.rejected = reject;
    });
  }

  done(ticket: SchedulerTicket): void {
    const node = ticket as TaskNode;
    if (node.owner !== this) return;
    this.finishNode(node);
  }

  private requestNode(
    node: TaskNode,
    onGranted: (lease: Lease) => void,
    signal: CancellationSignal | undefined,
    onCancelled: ((error: CancelledError) => void) | undefined,
  ): void {
    if (node.state !== IDLE) throw new ValidationError(`task ${node.id} already asked for its slots`);
    if (node.finished) {
      onCancelled?.(new CancelledError(`task ${node.id} already finished`));
      return;
    }
    // Ties are broken by when a task asked for its slots.
    node.seq = this.seq++;
    node.granted = onGranted;
    node.rejected = onCancelled ?? null;
    if (signal !== undefined) {
      if (signal.aborted) {
        node.signal = signal;
        node.state = DONE;
        node.granted = null;
        node.rejected = null;
        onCancelled?.(cancelledError(node));
        return;
      }
      node.signal = signal;
      signal.addEventListener('abort', node);
    }
    if (node.pendingDeps > 0) {
      node.state = BLOCKED;
      return;
    }
    if (
      this.heap.size === 0 &&
      this.running < this.concurrency &&
      this.parkedPools.size === 0 &&
      this.batchDepth === 0 &&
      !this.dispatching &&
      this.fullPool(node) === undefined
    ) {
      // Nothing waits and a slot is free: dispatch would pick this node at once, so grant it
      // without passing through the ready heap and the ageing queues.
      this.grant(node);
      return;
    }
    this.enqueue(node);
    this.dispatch();
  }

  private enqueue(node: TaskNode): void {
    node.state = QUEUED;
    node.readyAt = this.clock.now();
    this.queuedCount++;
    this.heap.push(node);
    if (node.resumed) return;
    let cls = this.lastClass;
    if (cls === undefined || cls.priority !== node.priority || cls.count === 0) {
      cls = this.classes.get(node.priority);
      if (cls === undefined) {
        cls = new PriorityClass(node.priority);
        this.classes.set(node.priority, cls);
      }
      this.lastClass = cls;
    }
    cls.count++;
    cls.fifo.push(node);
    node.cls = cls;
  }

  /** Takes a node out of the ready structures (heap or a pool's parked heap). */
  private dequeue(node: TaskNode): void {
    node.heap?.remove(node);
    this.queuedCount--;
    if (!node.resumed) this.leaveClass(node);
  }

  private leaveClass(node: TaskNode): void {
    const cls = node.cls;
    node.cls = null;
    if (cls !== null && --cls.count === 0) this.classes.delete(cls.priority);
  }

  finish(taskId: string): void {
    const node = this.nodes.get(taskId);
    if (node === undefined) {
      // Finishing a task never added still counts for dependents added later.
      this.nodes.set(taskId, this.finishedMark);
      return;
    }
    this.finishNode(node);
  }

  private finishNode(node: TaskNode): void {
    if (node.finished) return;
    const taskId = node.id;
    node.finished = true;
    // A finished task keeps only its id here (dependents added later check it), not its node;
    // one nothing can depend on any more is dropped.
    if (node.forgetWhenDone) this.nodes.delete(taskId);
    else this.nodes.set(taskId, this.finishedMark);
    node.predecessors = noNodes;
    const successors = node.successors;
    node.successors = noNodes;
    // Unblock dependents before giving the slots back, so they compete for them.
    let woke = false;
    for (const s of successors) {
      if (--s.pendingDeps === 0 && s.state === BLOCKED) {
        this.enqueue(s);
        woke = true;
      }
    }
    const state = node.state;
    if (state === PLACEHOLDER || state === IDLE) node.state = DONE;
    else if (state !== DONE) {
      this.releaseNode(node, DONE, true);
      if (state === RUNNING) return; // releasing dispatched already
    }
    if (woke) this.dispatch();
  }

  /** Gives back a node's slots (or drops its wait); `to` is DONE or SUSPENDED. */
  releaseNode(node: TaskNode, to: number, cancelled = false): void {
    const state = node.state;
    if (state === RUNNING) {
      node.state = to;
      this.running--;
      for (const pool of node.pools) pool.inUse--;
      if (to === DONE) this.detach(node);
      this.freed(node);
      return;
    }
    if (to === SUSPENDED || state === DONE || state === IDLE || state === PLACEHOLDER) return;
    // Waiting (blocked, queued, parked) or suspended: no slots held; drop the wait.
    if (state === QUEUED || state === PARKED) this.dequeue(node);
    node.state = DONE;
    const rejected = node.rejected;
    this.detach(node);
    if (rejected !== null && (cancelled || state !== SUSPENDED)) {
      rejected(
        state === SUSPENDED
          ? new CancelledError(`task ${node.id} was released while suspended`)
          : cancelledError(node),
      );
    }
  }

  private detach(node: TaskNode): void {
    node.granted = null;
    node.rejected = null;
    if (node.signal !== null) {
      node.signal.removeEventListener('abort', node);
      node.signal = null;
    }
  }

  /** Slots came free: dispatch (which first moves parked tasks back from pools that gained room). */
  private freed(node: TaskNode): void {
    if (node.pools.length > 0) this.dirty = true;
    this.dispatch();
  }

  /** Moves parked tasks back to the ready heap from every pool with free room; true if any moved. */
  private unpark(): boolean {
    let moved = false;
    for (const pool of this.parkedPools) {
      let room = pool.limit - pool.inUse;
      while (room > 0) {
        const parked = pool.parked.pop();
        if (parked === undefined) break;
        room--;
        moved = true;
        parked.state = QUEUED;
        this.heap.push(parked);
        if (parked.cls !== null) parked.cls.fifo.push(parked);
      }
      if (pool.parked.size === 0) this.parkedPools.delete(pool);
    }
    return moved;
  }

  cancelNode(node: TaskNode): void {
    if (node.state === DONE) return;
    this.releaseNode(node, DONE, true);
  }

  resumeNode(node: TaskNode): Promise<void> {
    if (node.state !== SUSPENDED) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      node.granted = () => resolve();
      node.rejected = reject;
      node.resumed = true;
      this.enqueue(node);
      this.dispatch();
    });
  }

  private dispatch(): void {
    if (this.batchDepth > 0 || this.dispatching) {
      this.dirty = true;
      return;
    }
    this.dispatching = true;
    try {
      do {
        this.dirty = false;
        if (this.parkedPools.size > 0 && this.running < this.concurrency) this.unpark();
        while (this.running < this.concurrency) {
          const node = this.pick();
          if (node === undefined) break;
          this.heap.remove(node);
          const full = this.fullPool(node);
          if (full !== undefined) {
            // Park it on the full pool: it holds nothing meanwhile (no hold-and-wait, so no deadlock).
            node.state = PARKED;
            full.parked.push(node);
            this.parkedPools.add(full);
            // The pool it came back from may still have room for the next parked task.
            this.dirty = true;
            continue;
          }
          this.queuedCount--;
          if (!node.resumed) this.leaveClass(node);
          node.resumed = false;
          this.grant(node);
        }
      } while (this.dirty && this.running < this.concurrency);
    } finally {
      this.dispatching = false;
      this.dirty = false;
    }
  }

  /** Gives a node its slots and tells its owner. */
  private grant(node: TaskNode): void {
    node.state = RUNNING;
    this.running++;
    for (const pool of node.pools) pool.inUse++;
    const granted = node.granted!;
    node.granted = null;
    granted(node);
  }

  private fullPool(node: TaskNode): Pool | undefined {
    for (const pool of node.pools) if (pool.inUse >= pool.limit) return pool;
    return undefined;
  }

  /** The next task: the heap's best, unless an older lower-priority task has aged past it. */
  private pick(): TaskNode | undefined {
    const top = this.heap.peek();
    if (
      top === undefined ||
      this.classes.size < 2 ||
      top.resumed ||
      this.ageingMs === Number.POSITIVE_INFINITY
    )
      return top;
    const now = this.clock.now();
    let best: TaskNode | undefined;
    let bestEffective = top.priority;
    for (const cls of this.classes.values()) {
      if (cls.priority >= top.priority) continue;
      const oldest = cls.oldest();
      if (oldest === undefined) continue;
      const effective = cls.priority + (now - oldest.readyAt) / this.ageingMs;
      if (
        effective > bestEffective ||
        (effective === bestEffective && best !== undefined && oldest.readyAt < best.readyAt)
      ) {
        best = oldest;
        bestEffective = effective;
      } else if (best === undefined && effective >= bestEffective) {
        best = oldest;
      }
    }
    return best ?? top;
  }
}

/**
 * Creates Baton's priority DAG scheduler. Ready tasks run in order of user priority, then
 * critical-path rank (expected work to the end of the DAG, kept up to date as tasks are added),
 * then number of dependents, then longest expected duration, then arrival; ageing lifts
 * waiting lower-priority work so it is never starved. A task takes a slot in the run pool and
 * in every limited pool it names, all at once or not at all.
 */
export function createScheduler(options: SchedulerOptions): PriorityScheduler {
  return new SchedulerImpl(options);
}
