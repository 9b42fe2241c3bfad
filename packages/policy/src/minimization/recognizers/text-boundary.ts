import { isDigitCode, matchesAt, scanOf, type TriggerFamily, triggerFamily } from './text-scan.js';

/** Whether the code unit is an ASCII letter, digit or underscore. */
export function isWordCode(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95
  );
}

/** Escapes a literal for use inside a RegExp. */
export function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Makes the letters of a regex source match either case (Node 20 has no inline `(?i:)`). */
export function caseInsensitive(source: string): string {
  return source.replace(/\p{L}/gu, (ch) => {
    const upper = ch.toUpperCase();
    const lower = ch.toLowerCase();
    return upper === lower || upper.length !== 1 ? ch : `[${upper}${lower}]`;
  });
}

const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

/**
 * Whether the character before `index` joins a token (letter, digit, `_`). A letter that
 * ends a JSON/C escape (`\n`, `\t`, `\r`) does not: `"…\n4111 1111…"` still starts a value.
 */
export function joinsBefore(text: string, index: number): boolean {
  if (index <= 0) return false;
  const c = text.charCodeAt(index - 1);
  if (c < 128) {
    if (!isWordCode(c)) return false;
    return !((c === 110 || c === 116 || c === 114) && index >= 2 && text.charCodeAt(index - 2) === 92);
  }
  return LETTER_OR_NUMBER.test(text[index - 1]!);
}

/** Whether the character at `index` joins a token (letter, digit, `_`). */
export function joinsAfter(text: string, index: number): boolean {
  if (index >= text.length) return false;
  const c = text.charCodeAt(index);
  if (c < 128) return isWordCode(c);
  return LETTER_OR_NUMBER.test(text[index]!);
}

let lastLowerSource: string | undefined;
let lastLower = '';

/**
 * `text.toLowerCase()`, memoized for the last text: the detector asks about one text at a
 * time, so every recognizer and every context test shares one lower-cased copy.
 */
export function lowerOf(text: string): string {
  if (text !== lastLowerSource) {
    lastLower = text.toLowerCase();
    lastLowerSource = text;
  }
  return lastLower;
}

/**
 * A case-insensitive test for context words in `text[from, to)`: each word must start at a
 * word boundary; words of three letters or fewer must also end at one (`tel` ≠ `telling`).
 * One regex pass (the words as a longest-first alternation) over a window of the shared
 * lower-cased text, not one `indexOf` per word; a text whose lower-cased form changes length
 * (rare Unicode) lower-cases its window.
 */
export function contextTest(words: readonly string[]): (text: string, from: number, to: number) => boolean {
  const lowered = [...new Set(words.map((w) => w.toLowerCase()))].sort((a, b) => b.length - a.length);
  const anyWord = new RegExp(lowered.map(escapeRegExp).join('|'), 'g');
  const endsWord = (window: string, at: number, length: number): boolean =>
    length > 3 || at + length >= window.length || !isLetterAt(window, at + length);
  const family = scannedWords.get(words);
  return (text, from, to) => {
    const start = Math.max(0, from);
    const stop = Math.min(text.length, to);
    if (stop <= start) return false;
    const lower = lowerOf(text);
    if (family !== undefined && lower.length === text.length)
      return contextAt(text, lower, family, lowered, start, stop);
    // A slice of a flat string is a view (no copy); the lower-cased copy is shared per text.
    const window =
      lower.length === text.length ? lower.slice(start, stop) : text.slice(start, stop).toLowerCase();
    anyWord.lastIndex = 0;
    for (let m = anyWord.exec(window); m !== null; m = anyWord.exec(window)) {
      const at = m.index;
      const startsWord =
        at === 0
          ? !joinsBefore(text, start) || !isLetterAt(text, start - 1)
          : !isLetterOrDigitBefore(window, at);
      if (startsWord) {
        if (endsWord(window, at, m[0].length)) return true;
        // The longest word here runs into a letter; a shorter one at the same place may still end cleanly.
        for (const word of lowered)
          if (word.length < m[0].length && window.startsWith(word, at) && endsWord(window, at, word.length))
            return true;
      }
      anyWord.lastIndex = at + 1; // occurrences may overlap
    }
    return false;
  };
}

/** Context word lists whose starts the text scan records, by list identity (see `scannedContext`). */
const scannedWords = new WeakMap<readonly string[], TriggerFamily>();

/**
 * Registers `words` as a trigger family of the text scan (call at module load, once per list)
 * and returns the family: a `contextTest` of this very array, made afterwards, then reads the
 * recorded starts instead of running a regex over each window. The family records every place
 * a word starts in the lower-cased text (it matches any code unit whose lower case is the word's character).
 */
export function scannedContext(words: readonly string[]): TriggerFamily {
  const family = triggerFamily({ anywhere: words });
  scannedWords.set(words, family);
  return family;
}

/**
 * `contextTest` over the recorded starts of `family` in [start, stop), for a text whose
 * lower-cased form has the same length: the same word-boundary rules, read at each start
 * where a word of `lowered` (longest first) lies wholly inside the window.
 */
function contextAt(
  text: string,
  lower: string,
  family: TriggerFamily,
  lowered: readonly string[],
  start: number,
  stop: number,
): boolean {
  const scan = scanOf(text);
  const positions = scan.positions[family.id]!;
  const count = scan.counts[family.id]!;
  // First recorded start at or after `start` (binary search: long texts record many).
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (positions[mid]! < start) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < count; k++) {
    const at = positions[k]!;
    if (at >= stop) return false;
    const startsWord =
      at === start
        ? !joinsBefore(text, start) || !isLetterAt(text, start - 1)
        : !isLetterOrDigitBeforeIn(lower, at, start);
    if (!startsWord) continue;
    for (const word of lowered) {
      const end = at + word.length;
      if (end > stop || !lower.startsWith(word, at)) continue;
      if (word.length > 3 || end >= stop || !isLetterAt(lower, end)) return true;
    }
  }
  return false;
}

/** `isLetterOrDigitBefore` of a window `lower[start, …)` at `at` (its escape check stays inside the window). */
function isLetterOrDigitBeforeIn(lower: string, at: number, start: number): boolean {
  const c = lower.charCodeAt(at - 1);
  if (c < 128) {
    const word = (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
    return (
      word && !((c === 110 || c === 116 || c === 114) && at - start >= 2 && lower.charCodeAt(at - 2) === 92)
    );
  }
  return LETTER_OR_NUMBER.test(lower[at - 1]!);
}

function isLetterAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const c = text.charCodeAt(index);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER_OR_NUMBER.test(text[index]!);
}

function isLetterOrDigitBefore(window: string, at: number): boolean {
  const c = window.charCodeAt(at - 1);
  if (c < 128) {
    const word = (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
    // `\n` / `\t` escapes in JSON text end with a letter but are not part of a word.
    return word && !((c === 110 || c === 116 || c === 114) && at >= 2 && window.charCodeAt(at - 2) === 92);
  }
  return LETTER_OR_NUMBER.test(window[at - 1]!);
}

/** Whether a letter (not the end of a `\n`/`\t`/`\r` escape) sits right before `index`. */
export function joinsBeforeLetter(text: string, index: number): boolean {
  if (index <= 0) return false;
  const c = text.charCodeAt(index - 1);
  if (c < 128) {
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    return (
      letter && !((c === 110 || c === 116 || c === 114) && index >= 2 && text.charCodeAt(index - 2) === 92)
    );
  }
  return LETTER_OR_NUMBER.test(text[index - 1]!) && !/\p{N}/u.test(text[index - 1]!);
}

/**
 * Runs `pattern` (global) only in windows of `after` characters following each match of
 * `trigger` (sticky, tried where the scan saw a word of `family` start): for values that are
 * only sensitive next to a context word, so the value pattern never scans the whole text.
 * Window starts are checked with `joinsBefore`. With `digitRequired` (every match of
 * `pattern` holds a digit), a window without one is skipped without running `pattern`.
 */
export function findNearAt(
  text: string,
  family: TriggerFamily,
  trigger: RegExp,
  pattern: RegExp,
  after: number,
  accept: (value: string) => boolean,
  push: (start: number, end: number) => void,
  digitRequired = false,
): void {
  let scannedTo = 0;
  matchesAt(text, text, family, trigger, (t) => {
    const triggerEnd = t.index + t[0].length;
    const from = Math.max(scannedTo, triggerEnd);
    const to = Math.min(text.length, triggerEnd + after);
    if (from >= to) return triggerEnd;
    const windowEnd = Math.min(text.length, to + 64);
    if (digitRequired && !hasDigitIn(text, from, windowEnd)) {
      scannedTo = to;
      return triggerEnd;
    }
    const window = text.slice(from, windowEnd);
    pattern.lastIndex = 0;
    for (let m = pattern.exec(window); m !== null && m.index < to - from; m = pattern.exec(window)) {
      const start = from + m.index;
      if (m.index === 0 && joinsBefore(text, start)) continue;
      if (accept(m[0])) push(start, start + m[0].length);
    }
    scannedTo = to;
    return triggerEnd;
  });
}

/** Whether `text[from, to)` holds an ASCII digit. */
export function hasDigitIn(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isDigitCode(text.charCodeAt(i))) return true;
  return false;
}
