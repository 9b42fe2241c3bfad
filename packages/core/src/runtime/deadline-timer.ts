/**
 * One timer for every deadline in a run: a min-heap of due times and a single
 * `setTimeout` armed for the earliest. Per-task timers would cost a handle each.
 */
export class DeadlineTimer {
  private heap: { at: number; fire: () => void; active: boolean }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private armedAt = Number.POSITIVE_INFINITY;

  /** Calls `fire` at `at` (epoch ms) unless the returned cancel function runs first. */
  schedule(at: number, fire: () => void): () => void {
    const entry = { at, fire, active: true };
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heap[p]!.at <= heap[i]!.at) break;
      const swap = heap[i]!;
      heap[i] = heap[p]!;
      heap[p] = swap;
      i = p;
    }
    this.arm();
    return () => {
      entry.active = false;
    };
  }

  /** Stops the timer (pending deadlines never fire). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.heap = [];
  }

  private arm(): void {
    const first = this.heap[0];
    if (!first || first.at >= this.armedAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.armedAt = first.at;
    this.timer = setTimeout(() => this.tick(), Math.max(0, first.at - Date.now()));
    this.timer.unref?.();
  }

  private tick(): void {
    this.timer = undefined;
    this.armedAt = Number.POSITIVE_INFINITY;
    const nowMs = Date.now();
    while (this.heap.length > 0 && this.heap[0]!.at <= nowMs) {
      const entry = this.pop();
      if (entry.active) entry.fire();
    }
    this.arm();
  }

  private pop() {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l]!.at < heap[m]!.at) m = l;
        if (r < heap.length && heap[r]!.at < heap[m]!.at) m = r;
        if (m === i) break;
        const swap = heap[i]!;
        heap[i] = heap[m]!;
        heap[m] = swap;
        i = m;
      }
    }
    return top;
  }
}
