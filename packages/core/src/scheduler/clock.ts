/** Cancels a callback scheduled on a clock (no-op once it ran). */
export type CancelTimer = () => void;

/**
 * The time source the scheduler, rate limiter and budget ledger share. `schedule` runs a
 * callback at an absolute time on this clock; implementations keep one timer for all
 * callbacks, never one per call.
 */
export interface Clock {
  /** Milliseconds on this clock (monotonic). */
  now(): number;
  /** Runs `callback` once at `atMs` (or soon after); returns a canceller. */
  schedule(atMs: number, callback: () => void): CancelTimer;
}

/** A clock that only moves when told to: a discrete-event loop for simulations and tests. */
export interface SimulatedClock extends Clock {
  /** Runs every callback due at the earliest pending time (moving the clock there); false when none is pending. */
  runNext(): boolean;
  /** Runs pending callbacks in time order until none is left (or `untilMs` is reached). */
  run(untilMs?: number): void;
  /** Moves the clock forward by `ms`, running what falls due. */
  advance(ms: number): void;
  /** Number of callbacks waiting. */
  readonly pending: number;
}

interface TimerEntry {
  at: number;
  seq: number;
  callback: (() => void) | null;
}

/** A binary min-heap of timers by (time, insertion order); shared by both clocks. */
class TimerHeap {
  private readonly items: TimerEntry[] = [];
  private seq = 0;
  live = 0;

  push(at: number, callback: () => void): TimerEntry {
    const entry: TimerEntry = { at, seq: this.seq++, callback };
    const items = this.items;
    items.push(entry);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent]!;
      if (p.at < at || (p.at === at && p.seq < entry.seq)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = entry;
    this.live++;
    return entry;
  }

  /** Earliest live entry, dropping cancelled ones. */
  peek(): TimerEntry | undefined {
    while (this.items.length > 0 && this.items[0]!.callback === null) this.pop();
    return this.items[0];
  }

  pop(): TimerEntry | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined) return undefined;
    if (items.length > 0) {
      let i = 0;
      const n = items.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        if (
          r < n &&
          (items[r]!.at < items[l]!.at || (items[r]!.at === items[l]!.at && items[r]!.seq < items[l]!.seq))
        )
          c = r;
        const child = items[c]!;
        if (last.at < child.at || (last.at === child.at && last.seq < child.seq)) break;
        items[i] = child;
        i = c;
      }
      items[i] = last;
    }
    return top;
  }

  cancel(entry: TimerEntry): void {
    if (entry.callback !== null) {
      entry.callback = null;
      this.live--;
    }
  }
}

/**
 * A simulated clock starting at `startMs` (default 0). Nothing happens until `runNext`,
 * `run` or `advance` is called, so a whole schedule can be played in microseconds.
 */
export function createSimulatedClock(startMs = 0): SimulatedClock {
  const heap = new TimerHeap();
  let now = startMs;
  const runDue = (limit: number): boolean => {
    const first = heap.peek();
    if (first === undefined || first.at > limit) return false;
    const at = Math.max(now, first.at);
    now = at;
    // Callbacks scheduled for this same instant while running still run in this turn.
    for (let entry = heap.peek(); entry !== undefined && entry.at <= at; entry = heap.peek()) {
      heap.pop();
      const callback = entry.callback;
      if (callback === null) continue;
      heap.cancel(entry);
      callback();
    }
    return true;
  };
  return {
    now: () => now,
    schedule(atMs, callback) {
      const entry = heap.push(atMs, callback);
      return () => heap.cancel(entry);
    },
    runNext: () => runDue(Number.POSITIVE_INFINITY),
    run(untilMs = Number.POSITIVE_INFINITY) {
      while (runDue(untilMs)) {}
      if (Number.isFinite(untilMs) && untilMs > now) now = untilMs;
    },
    advance(ms) {
      const target = now + ms;
      while (runDue(target)) {}
      if (target > now) now = target;
    },
    get pending() {
      return heap.live;
    },
  };
}

/**
 * The real clock (`performance.now()`), with one shared `setTimeout` for every scheduled
 * callback: the earliest one is armed, the rest wait in a heap.
 */
export function createRealClock(): Clock {
  const heap = new TimerHeap();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let armedAt = Number.POSITIVE_INFINITY;
  const now = () => performance.now();
  const fire = () => {
    timer = undefined;
    armedAt = Number.POSITIVE_INFINITY;
    const t = now();
    for (let entry = heap.peek(); entry !== undefined && entry.at <= t; entry = heap.peek()) {
      heap.pop();
      const callback = entry.callback;
      if (callback === null) continue;
      heap.cancel(entry);
      callback();
    }
    arm();
  };
  const arm = () => {
    const next = heap.peek();
    if (next === undefined) {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      armedAt = Number.POSITIVE_INFINITY;
      return;
    }
    if (timer !== undefined && armedAt <= next.at) return;
    if (timer !== undefined) clearTimeout(timer);
    armedAt = next.at;
    timer = setTimeout(fire, Math.max(0, next.at - now()));
  };
  return {
    now,
    schedule(atMs, callback) {
      const entry = heap.push(atMs, callback);
      arm();
      return () => {
        heap.cancel(entry);
      };
    },
  };
}

let sharedRealClock: Clock | undefined;

/** The process-wide real clock (one timer for the whole process). */
export function realClock(): Clock {
  sharedRealClock ??= createRealClock();
  return sharedRealClock;
}
