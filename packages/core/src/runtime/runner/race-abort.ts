import type { CancellationSignal } from '../task-cancellation.js';

/** Does nothing: an `AbortRace`'s resolvers before they are set, and a handler that drops a settlement. */
export const ignore = (): void => {};

/** An object that keeps a promise's resolvers in its own fields. */
export interface ResolverFields<T> {
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason: unknown) => void;
}

// The executor below fills in the holder being built (one module-level function, no closure).
let capturing: ResolverFields<unknown> | undefined;
function capture(resolve: (value: unknown) => void, reject: (reason: unknown) => void): void {
  capturing!.resolve = resolve;
  capturing!.reject = reject;
}

/** A new promise whose resolvers are stored on `holder`, without a closure per promise. */
export function promiseInto<T>(holder: ResolverFields<T>): Promise<T> {
  capturing = holder as ResolverFields<unknown>;
  try {
    return new Promise<unknown>(capture) as Promise<T>;
  } finally {
    capturing = undefined;
  }
}

/**
 * `work` raced against a cancellation signal: `promise` settles with `work`, or rejects with
 * the signal's reason as soon as it aborts, so a cancelled task releases its slot and budget
 * at once even if an adapter or tool ignores the signal. The object is both the abort
 * listener and the holder of the promise's resolvers: no closures per race. Call `release()`
 * once `promise` has settled.
 */
export class AbortRace<T> implements ResolverFields<T> {
  readonly promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void = ignore;
  reject: (reason: unknown) => void = ignore;
  private listening = false;

  constructor(
    work: Promise<T>,
    private readonly signal: CancellationSignal,
  ) {
    this.promise = promiseInto(this);
    if (signal.aborted) {
      work.catch(ignore);
      this.reject(signal.reason);
      return;
    }
    signal.addEventListener('abort', this);
    this.listening = true;
    work.then(this.resolve, this.reject);
  }

  handleEvent(): void {
    this.reject(this.signal.reason);
  }

  /** Stops listening to the signal. */
  release(): void {
    if (!this.listening) return;
    this.listening = false;
    this.signal.removeEventListener('abort', this);
  }
}
