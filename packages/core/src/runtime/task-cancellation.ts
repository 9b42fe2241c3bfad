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
  private listeners: Set<CancellationListener> | undefined;
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
    if (!this.listeners) this.listeners = new Set();
    this.listeners.add(listener);
  }

  removeEventListener(_type: 'abort', listener: CancellationListener): void {
    this.listeners?.delete(listener);
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
    const listeners = this.listeners;
    this.listeners = undefined;
    if (!listeners) return;
    for (const listener of listeners) {
      if (typeof listener === 'function') listener(abortEvent);
      else listener.handleEvent(abortEvent);
    }
  }
}
