/**
 * One signal that aborts when any of the given signals aborts (`undefined` entries are
 * skipped). Returns `undefined` when there is none and the signal itself when there is one,
 * so the common single-signal call allocates nothing.
 */
export function combineSignals(...signals: (AbortSignal | undefined | null)[]): AbortSignal | undefined {
  let first: AbortSignal | undefined;
  let many: AbortSignal[] | undefined;
  for (const signal of signals) {
    if (!signal) continue;
    if (!first) first = signal;
    else {
      many ??= [first];
      many.push(signal);
    }
  }
  return many ? AbortSignal.any(many) : first;
}
