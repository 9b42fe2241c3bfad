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

function notify(listener: CancellationListener): void {
  if (typeof listener === 'function') listener(abortEvent);
  else listener.handleEvent(abortEvent);
}

/**
 * A task's cancellation: plain listeners internally, and a real `AbortSignal` created
 * only when code outside Baton (an adapter, a tool) asks for one.
 */
export class TaskCancellation implements CancellationSignal {
  aborted = false;
  reason: unknown = undefined;
  // A task has at most three listeners at a time in the common case (its scheduler slot, a
  // budget reservation, the pending model call), so they live in fields; only extra ones need
  // an array.
  private first: CancellationListener | undefined;
  private second: CancellationListener | undefined;
  private third: CancellationListener | undefined;
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
    if (this.more !== undefined) this.more.push(listener);
    else if (this.first === undefined) this.first = listener;
    else if (this.second === undefined) this.second = listener;
    else if (this.third === undefined) this.third = listener;
    else this.more = [listener];
  }

  removeEventListener(_type: 'abort', listener: CancellationListener): void {
    if (this.first === listener) this.first = undefined;
    else if (this.second === listener) this.second = undefined;
    else if (this.third === listener) this.third = undefined;
    else {
      const more = this.more;
      if (more === undefined) return;
      const index = more.lastIndexOf(listener);
      if (index < 0) return;
      if (index === more.length - 1) more.pop();
      else more.splice(index, 1);
      if (more.length === 0) this.more = undefined;
    }
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
    const { first, second, third, more } = this;
    this.first = this.second = this.third = this.more = undefined;
    if (first !== undefined) notify(first);
    if (second !== undefined) notify(second);
    if (third !== undefined) notify(third);
    if (more !== undefined) for (const listener of more) notify(listener);
  }
}
