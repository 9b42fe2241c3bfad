import type { CancellationSignal } from '../task-cancellation.js';

const ignore = (): void => {};

// The executor below fills in the AbortRace being built (one module-level function, no closure).
let capturing: AbortRace<unknown> | undefined;
function capture(resolve: (value: unknown) => void, reject: (reason: unknown) => void): void {
  capturing!.resolve = resolve;
  capturing!.reject = reject;
}

/**
 * `work` raced against a cancellation signal: `promise` settles with `work`, or rejects with
 * the signal's reason as soon as it aborts, so a cancelled task releases its slot and budget
 * at once even if an adapter or tool ignores the signal. The object is both the abort
 * listener and the holder of the promise's resolvers: no closures per race. Call `release()`
 * once `promise` has settled.
 */
export class AbortRace<T> {
  readonly promise: Promise<T>;
  resolve: (value: T) => void = ignore;
  reject: (reason: unknown) => void = ignore;
  private listening = false;

  constructor(
    work: Promise<T>,
    private readonly signal: CancellationSignal,
  ) {
    capturing = this as AbortRace<unknown>;
    this.promise = new Promise<T>(
      capture as (resolve: (value: T) => void, reject: (reason: unknown) => void) => void,
    );
    capturing = undefined;
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
