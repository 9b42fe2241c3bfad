/**
 * One signal that aborts when any of the given signals aborts (`undefined` entries are
 * skipped; arrays are flattened). Returns `undefined` when there is none and the signal
 * itself when there is one, so the common single-signal call allocates no new signal.
 */
export function combineSignals(
  ...input: (AbortSignal | undefined | null | readonly (AbortSignal | undefined | null)[])[]
): AbortSignal | undefined {
  let first: AbortSignal | undefined;
  let many: AbortSignal[] | undefined;
  const add = (signal: AbortSignal | undefined | null) => {
    if (!signal) return;
    if (!first) first = signal;
    else {
      many ??= [first];
      many.push(signal);
    }
  };
  for (const item of input) {
    if (Array.isArray(item)) for (const signal of item) add(signal);
    else add(item as AbortSignal | undefined | null);
  }
  return many ? AbortSignal.any(many) : first;
}
