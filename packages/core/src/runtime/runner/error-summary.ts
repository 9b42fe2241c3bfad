import type { ErrorSummary } from '../../contracts/run-event.js';
import { BatonError } from '../../errors/baton-error.js';

/** The plain summary of an error that events and reports carry. */
export function summarizeError(error: unknown): ErrorSummary {
  if (BatonError.isInstance(error)) {
    return { name: error.name, code: error.code, message: error.message, retryable: error.retryable };
  }
  if (error instanceof Error)
    return { name: error.name, code: 'internal', message: error.message, retryable: false };
  return { name: 'Error', code: 'internal', message: String(error), retryable: false };
}
