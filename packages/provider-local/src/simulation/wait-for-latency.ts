import { CancelledError, TimeoutError } from '@baton/core/contracts';

/** The error an aborted call rejects with: `TimeoutError` for a timeout signal, else `CancelledError`. */
export function abortError(signal: AbortSignal, provider: string): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new TimeoutError('local model call timed out', { cause: reason, provider });
  }
  return new CancelledError('local model call was cancelled', { cause: reason, provider });
}

/** Waits `ms` milliseconds (one timer), rejecting early when `signal` aborts. */
export function waitForLatency(ms: number, signal: AbortSignal | undefined, provider: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal, provider));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal!, provider));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
