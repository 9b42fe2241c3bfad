// Listeners take the standard DOM listener types so that an AbortSignal is a CancellationSignal.
type CancellationListener = ((event: Event) => void) | { handleEvent(event: Event): void };

/**
 * The part of `AbortSignal` the scheduler and ledger use. An `AbortSignal` satisfies it;
 * so does `TaskCancellation`, which is far cheaper: in Node 20 adding an `abort` listener
 * to an `AbortSignal` costs ~10 µs, more than Baton's whole per-task budget.
 */
export interface CancellationSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: CancellationListener, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: CancellationListener): void;
}

// Listeners here only read `type`; a full Event would cost what this class exists to avoid.
const abortEvent = { type: 'abort' } as Event;

/**
 * A task's cancellation: plain listeners internally, and a real `AbortSignal` created
 * only when code outside Baton (an adapter, a tool) asks for one.
 */
export class TaskCancellation implements CancellationSignal {
  aborted = false;
  reason: unknown = undefined;
  // Most tasks have at most one listener at a time (the pending model call), so the first
  // lives in a field and only extra ones need an array.
  private first: CancellationListener | undefined;
  private more: CancellationListener[] | undefined;
  private controller: AbortController | undefined;

  /** A standard `AbortSignal` that aborts with this cancellation. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  addEventListener(_type: 'abort', listener: CancellationListener): void {
    if (this.aborted) return;
    if (this.first === undefined) this.first = listener;
    else if (this.more) this.more.push(listener);
    else this.more = [listener];
  }

  removeEventListener(_type: 'abort', listener: CancellationListener): void {
    if (this.first === listener) {
      this.first = this.more?.pop();
      return;
    }
    const more = this.more;
    if (!more) return;
    const index = more.indexOf(listener);
    if (index >= 0) more.splice(index, 1);
  }

  /** Throws the cancellation reason when cancelled. */
  throwIfAborted(): void {
    if (this.aborted) throw this.reason;
  }

  /** Cancels once: aborts the signal (if one was handed out) and calls every listener. */
  cancel(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.controller?.abort(reason);
    const listeners = this.first === undefined ? [] : [this.first, ...(this.more ?? [])];
    this.first = undefined;
    this.more = undefined;
    for (const listener of listeners) {
      if (typeof listener === 'function') listener(abortEvent);
      else listener.handleEvent(abortEvent);
    }
  }
}
