import type { TextStreamTransform } from '@baton/core/contracts';
import type { PseudonymVault } from './pseudonym-vault.js';
import { type RehydrationCounts, rehydrateText } from './rehydrate.js';

/** Longest placeholder prefix held back while waiting for its `>`. */
const MAX_PENDING = 64;

function isPlaceholderPrefix(tail: string): boolean {
  // `<`, `<EM`, `<EMAIL_`, `<EMAIL_1` could all still become `<EMAIL_12>`.
  for (let i = 1; i < tail.length; i++) {
    const c = tail.charCodeAt(i);
    const upper = c >= 65 && c <= 90;
    if (!(upper || (i > 1 && ((c >= 48 && c <= 57) || c === 95)))) return false;
  }
  return true;
}

/**
 * Rehydrates placeholders in streamed text deltas. A delta ending in what may be the
 * start of a placeholder (`…<EMA`) is held until the next delta decides it; `flush()`
 * releases whatever is left at the end of the stream.
 */
export function createRehydrationStream(
  vault: PseudonymVault,
  allow: (dataClass: string) => boolean,
  counts?: RehydrationCounts,
): TextStreamTransform {
  let pending = '';
  return {
    push(delta: string): string {
      const text = pending + delta;
      const open = text.lastIndexOf('<');
      if (
        open >= 0 &&
        text.length - open <= MAX_PENDING &&
        text.indexOf('>', open) < 0 &&
        isPlaceholderPrefix(text.slice(open))
      ) {
        pending = text.slice(open);
        return rehydrateText(text.slice(0, open), vault, allow, counts);
      }
      pending = '';
      return rehydrateText(text, vault, allow, counts);
    },
    flush(): string {
      const rest = pending;
      pending = '';
      return rehydrateText(rest, vault, allow, counts);
    },
  };
}
