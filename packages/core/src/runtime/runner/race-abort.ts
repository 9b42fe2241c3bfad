import type { CancellationSignal } from '../task-cancellation.js';

// One options object for every call: `once` is all it says.
const once = { once: true };

/**
 * Settles with `promise`, or rejects with the signal's reason as soon as it aborts, so a
 * cancelled task releases its slot and budget at once even if an adapter or tool ignores
 * the signal.
 */
export function raceAbort<T>(promise: Promise<T>, signal: CancellationSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, once);
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
