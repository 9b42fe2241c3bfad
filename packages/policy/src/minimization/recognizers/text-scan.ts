/**
 * One pass over a text that tells every built-in recognizer where it may find something.
 *
 * Before it, each text got about 25 linear passes (a regex scan or an `/i` gate per
 * recognizer); merging those alternations into one regex is slower still, because irregexp
 * tries every alternative at every position. This pass reads each code unit once and records
 * where the words of every registered trigger family start (an Aho–Corasick automaton over
 * the case-folded words: one table load per code unit, words reported where they end), the
 * runs of digits and digit punctuation with 4+ digits, and where an IBAN may start (two
 * ASCII letters, then two digits).
 *
 * Recognizers then run their own regexes only at those positions (sticky) or inside those
 * runs. What they find is exactly what their global scans found: every match of those scans
 * starts at a recorded position (the families are supersets: case-insensitive words match any
 * code unit whose lower case is the word's character) or lies inside a recorded run.
 */

/** A set of trigger words whose start positions the scan records. */
export interface TriggerFamily {
  readonly id: number;
}

interface Word {
  family: number;
  word: string;
  caseSensitive: boolean;
  wordStart: boolean;
}

const words: Word[] = [];
let familyCount = 0;

/** Options of `triggerFamily`. */
export interface TriggerWords {
  /** Words recorded wherever they start. */
  anywhere?: readonly string[];
  /** Words recorded only where no ASCII letter, digit or `_` precedes them (a regex `\b`). */
  wordStart?: readonly string[];
  /** Words must match exactly; otherwise any code unit whose lower case is the word's character matches. */
  caseSensitive?: boolean;
}

/** Registers trigger words (two characters or more) whose start positions the scan records. */
export function triggerFamily(spec: TriggerWords): TriggerFamily {
  const family = familyCount++;
  for (const [list, wordStart] of [
    [spec.anywhere ?? [], false],
    [spec.wordStart ?? [], true],
  ] as const)
    for (const word of list) {
      if (word.length < 2) throw new Error(`trigger word '${word}' must have two characters or more`);
      const caseSensitive = spec.caseSensitive === true;
      words.push({ family, word: caseSensitive ? word : word.toLowerCase(), caseSensitive, wordStart });
    }
  tables = undefined;
  return { id: family };
}

/** A word the automaton reports where it ends. */
interface Output {
  family: number;
  /** Its length: the word starts `length - 1` code units before where it ends. */
  length: number;
  /** Recorded only where no ASCII letter, digit or `_` precedes the start. */
  wordStart: boolean;
  /** The exact word, for case-sensitive families. */
  exact: string | undefined;
}

interface Tables {
  /** Per code unit: the symbol of its lower case (0: in no word) in the low 6 bits, its class (`CLASS`) shifted left by 8. */
  info: Uint16Array;
  /**
   * The Aho–Corasick automaton over the words' symbols: next[state << SHIFT | symbol] is the
   * state after that symbol (the longest word prefix that ends there; 0, the root, for symbol 0).
   */
  next: Uint16Array;
  /** Per state: the words ending there (its own and its suffixes'), longest first; undefined when none. */
  outputs: (Output[] | undefined)[];
}

let tables: Tables | undefined;

function buildTables(): Tables {
  const symbolOf = new Map<string, number>();
  for (const { word } of words)
    for (const ch of word.toLowerCase()) if (!symbolOf.has(ch)) symbolOf.set(ch, symbolOf.size + 1);
  // Symbols fit in 6 bits, so a transition index is a shift and an or.
  if (symbolOf.size >= WIDTH) throw new Error('too many distinct trigger characters');
  const symbols = new Uint8Array(0x10000);
  const assign = (code: number) => {
    const lower = String.fromCharCode(code).toLowerCase();
    if (lower.length === 1) symbols[code] = symbolOf.get(lower) ?? 0;
  };
  // Only code units whose lower case is a word character matter: those below 0x250, the few
  // above it that lower-case into that range, and word characters above it with their upper case.
  for (let c = 0; c < 0x250; c++) assign(c);
  for (const c of FOLDS_INTO_LATIN) assign(c);
  for (const ch of symbolOf.keys()) {
    if (ch.charCodeAt(0) < 0x250) continue;
    assign(ch.charCodeAt(0));
    const upper = ch.toUpperCase();
    if (upper.length === 1) assign(upper.charCodeAt(0));
  }
  // The trie of all words, case-folded; a node's own words are its terminals.
  const children: Map<number, number>[] = [new Map()];
  const own: Output[][] = [[]];
  for (const { family, word, caseSensitive, wordStart } of words) {
    let node = 0;
    for (const ch of word.toLowerCase()) {
      const symbol = symbolOf.get(ch)!;
      let child = children[node]!.get(symbol);
      if (child === undefined) {
        child = children.length;
        children.push(new Map());
        own.push([]);
        children[node]!.set(symbol, child);
      }
      node = child;
    }
    const exact = caseSensitive ? word : undefined;
    const list = own[node]!;
    if (!list.some((o) => o.family === family && o.exact === exact && o.wordStart === wordStart))
      list.push({ family, length: word.length, wordStart, exact });
  }
  if (children.length > 0xffff) throw new Error('too many trigger word prefixes');
  // Breadth first: each state's transitions and outputs from its failure state (a shorter suffix).
  const next = new Uint16Array(children.length * WIDTH);
  const fail = new Int32Array(children.length);
  const outputs: (Output[] | undefined)[] = new Array(children.length).fill(undefined);
  const queue: number[] = [];
  for (const [symbol, child] of children[0]!) {
    next[symbol] = child;
    queue.push(child);
  }
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q]!;
    const inherited = outputs[fail[node]!] ?? [];
    const mine = [...own[node]!, ...inherited].sort((x, y) => y.length - x.length);
    outputs[node] = mine.length > 0 ? mine : undefined;
    for (let symbol = 1; symbol < WIDTH; symbol++) {
      const child = children[node]!.get(symbol);
      if (child === undefined) next[node * WIDTH + symbol] = next[fail[node]! * WIDTH + symbol]!;
      else {
        fail[child] = next[fail[node]! * WIDTH + symbol]!;
        next[node * WIDTH + symbol] = child;
        queue.push(child);
      }
    }
  }
  const info = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) info[c] = symbols[c]! | (CLASS[c]! << 8);
  return { info, next, outputs };
}

/** The code units from 0x250 up whose lower case is below 0x250 (ẞ, Kelvin and Ångström signs, …). */
const FOLDS_INTO_LATIN = [0x1e9e, 0x212a, 0x212b, 0x2c7e, 0x2c7f, 0xa7dc];

const SHIFT = 6;
const WIDTH = 1 << SHIFT;

/** Character classes: a regex `\w` without the `u` flag (digit, letter, `_`), digit punctuation. */
const DIGIT = 1;
const LETTER = 2;
const UNDERSCORE = 4;
const WORD_CHAR = DIGIT | LETTER | UNDERSCORE;
const PUNCTUATION = 8;
const CLASS = new Uint8Array(0x10000);
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT;
for (let c = 65; c <= 90; c++) CLASS[c] = LETTER;
for (let c = 97; c <= 122; c++) CLASS[c] = LETTER;
CLASS[95] = UNDERSCORE;
// What phone numbers, cards, SSNs, IPv4 addresses and dates hold between digits.
for (const c of [32, 9, 40, 41, 46, 47, 43, 45, 0xa0, 0x2009, 0x202f]) CLASS[c] = PUNCTUATION;

/** What the pass found in one text. Valid until the next text is scanned. */
export interface TextScan {
  /** Positions where two ASCII letters are followed by two digits (an IBAN may start there), ascending. */
  ibanStarts: Int32Array;
  ibanCount: number;
  /** Per family: how many start positions were recorded. */
  counts: Int32Array;
  /** Per family: the start positions, ascending (the first `counts[family]` entries). */
  positions: Int32Array[];
}

const scan: TextScan = {
  ibanStarts: new Int32Array(16),
  ibanCount: 0,
  counts: new Int32Array(0),
  positions: [],
};
let scannedText: string | undefined;
let scannedTables: Tables | undefined;

function grow(array: Int32Array, needed: number): Int32Array {
  if (needed <= array.length) return array;
  const bigger = new Int32Array(Math.max(needed, array.length * 2));
  bigger.set(array);
  return bigger;
}

/** Families with a start recorded in the current scan (their counts are reset by the next one). */
let touched: Int32Array = new Int32Array(16);
let touchedCount = 0;

function record(family: number, at: number): void {
  const count = scan.counts[family]!;
  if (count === 0) {
    if (touchedCount === touched.length) touched = grow(touched, touchedCount + 1);
    touched[touchedCount++] = family;
  }
  let positions = scan.positions[family]!;
  // Words are reported where they end: a longer word can start before one recorded earlier.
  let k = count;
  while (k > 0 && positions[k - 1]! > at) k--;
  if (k > 0 && positions[k - 1] === at) return;
  if (count === positions.length) positions = scan.positions[family] = grow(positions, count + 1);
  if (k < count) positions.copyWithin(k + 1, k, count);
  positions[k] = at;
  scan.counts[family] = count + 1;
}

/** Records the words of `ends` (a state's outputs) that end at `end`. */
function recordEnds(ends: readonly Output[], text: string, end: number): void {
  for (const word of ends) {
    const start = end + 1 - word.length;
    if (word.wordStart && start > 0 && (CLASS[text.charCodeAt(start - 1)]! & WORD_CHAR) !== 0) continue;
    if (word.exact === undefined || text.startsWith(word.exact, start)) record(word.family, start);
  }
}

/** The class of the code unit at `index` (0 before the text). */
function classAt(text: string, index: number): number {
  return index < 0 ? 0 : CLASS[text.charCodeAt(index)]!;
}

/** The scan of `text`; the last one is memoized, since every recognizer asks about the same text in turn. */
export function scanOf(text: string): TextScan {
  tables ??= buildTables();
  const t = tables;
  if (text === scannedText && t === scannedTables) return scan;
  if (scan.counts.length !== familyCount) {
    scan.counts = new Int32Array(familyCount);
    scan.positions = Array.from({ length: familyCount }, () => new Int32Array(8));
  } else for (let k = 0; k < touchedCount; k++) scan.counts[touched[k]!] = 0;
  touchedCount = 0;
  const { info, next, outputs } = t;
  const n = text.length;
  let ibanCount = 0;
  let state = 0; // the automaton's state after text[0, i)
  let runStart = -1; // first digit of the current run of digits and digit punctuation
  let runDigits = 0;
  runCount = 0;
  chain = -1;
  for (let i = 0; i < n; i++) {
    const code = info[text.charCodeAt(i)]!;
    state = next[(state << SHIFT) | (code & 0xff)]!;
    const ends = outputs[state];
    if (ends !== undefined) recordEnds(ends, text, i);
    const k = code >> 8;
    if (k === DIGIT) {
      if (runStart < 0) {
        runStart = i;
        runDigits = 0;
        // Two letters, then two digits: the first digit after letters starts a run.
        if (classAt(text, i - 1) === LETTER && classAt(text, i - 2) === LETTER) {
          const d = text.charCodeAt(i + 1);
          if (d >= 48 && d <= 57) {
            if (ibanCount === scan.ibanStarts.length) scan.ibanStarts = grow(scan.ibanStarts, ibanCount + 1);
            scan.ibanStarts[ibanCount++] = i - 2;
          }
        }
      }
      runDigits++;
    } else if (k !== PUNCTUATION && runStart >= 0) {
      if (runDigits >= 4) pushRun(text, runStart, i, runDigits);
      runStart = -1;
    }
  }
  if (runStart >= 0 && runDigits >= 4) pushRun(text, runStart, n, runDigits);
  scan.ibanCount = ibanCount;
  scannedText = text;
  scannedTables = t;
  return scan;
}

/**
 * Whether the scan of `text` recorded nothing: no trigger word of any family, no run of 4+
 * digits, no IBAN start. Every built-in recognizer then has nothing to find unless the text
 * holds an `@` (emails) or a `:` (IPv6), so the detector skips them all.
 */
export function scanIsEmpty(text: string): boolean {
  scanOf(text);
  return touchedCount === 0 && runCount === 0 && scan.ibanCount === 0;
}

/** Whether the scan of `text` recorded any start of `family`. */
export function mentions(text: string, family: TriggerFamily): boolean {
  return scanOf(text).counts[family.id]! > 0;
}

const familyPrefilters = new WeakMap<(text: string) => boolean, TriggerFamily>();

/**
 * A recognizer prefilter that passes when the scan recorded a start of `family`. The detector
 * reads the scan's count for it directly (`prefilterFamily`) instead of calling it per text.
 */
export function familyPrefilter(family: TriggerFamily): (text: string) => boolean {
  const prefilter = (text: string): boolean => mentions(text, family);
  familyPrefilters.set(prefilter, family);
  return prefilter;
}

/** The family a prefilter made by `familyPrefilter` tests, or undefined. */
export function prefilterFamily(prefilter: unknown): TriggerFamily | undefined {
  return typeof prefilter === 'function'
    ? familyPrefilters.get(prefilter as (text: string) => boolean)
    : undefined;
}

/** Whether `scan` recorded a start of family `id` in [from, to). */
export function startsBetween(scan: TextScan, id: number, from: number, to: number): boolean {
  const positions = scan.positions[id]!;
  for (let k = 0, count = scan.counts[id]!; k < count; k++) {
    const at = positions[k]!;
    if (at >= to) return false;
    if (at >= from) return true;
  }
  return false;
}

/** Whether the sticky `pattern` matches `subject` at a recorded start of `family` in `text`. */
export function matchesAnyAt(text: string, subject: string, family: TriggerFamily, pattern: RegExp): boolean {
  const s = scanOf(text);
  const positions = s.positions[family.id]!;
  for (let k = 0, count = s.counts[family.id]!; k < count; k++) {
    pattern.lastIndex = positions[k]!;
    if (pattern.test(subject)) return true;
  }
  return false;
}

/**
 * The matches of a global scan of `pattern` over `text`, found by trying the sticky `pattern`
 * only at the recorded starts of `family` (which must include every position where a match
 * can start). `each` gets each match and returns where the next may start (what the scan's
 * `lastIndex` would be: at least the end of this match).
 */
export function matchesAt(
  text: string,
  subject: string,
  family: TriggerFamily,
  pattern: RegExp,
  each: (match: RegExpExecArray) => number,
): void {
  const s = scanOf(text);
  const count = s.counts[family.id]!;
  if (count === 0) return;
  const positions = s.positions[family.id]!;
  let from = 0;
  for (let k = 0; k < count; k++) {
    const at = positions[k]!;
    if (at < from) continue;
    pattern.lastIndex = at;
    const match = pattern.exec(subject);
    if (match === null) continue;
    from = Math.max(each(match), at + 1);
  }
}

/** Character sets the digit recognizers' regexes consist of (bits for `digitRunsOf`). */
export const DIGIT_SETS = {
  /** `[\d \t()./+-]`: phone candidates. */
  phone: 1,
  /** `[\d -]`: card runs, SSNs. */
  digitSpaceDash: 2,
  /** `[\d./]`: IPv4 addresses (with a prefix length). */
  ipv4: 4,
  /** `[\d.\u00a0\u2009\u202f]`: cards grouped by dots or no-break/thin spaces. */
  dottedCard: 8,
} as const;

const ALL_SETS = 15;
const DIGIT_SET = new Uint8Array(0x10000);
for (let c = 48; c <= 57; c++) DIGIT_SET[c] = ALL_SETS;
for (const [c, sets] of [
  [32, DIGIT_SETS.phone | DIGIT_SETS.digitSpaceDash],
  [9, DIGIT_SETS.phone],
  [40, DIGIT_SETS.phone],
  [41, DIGIT_SETS.phone],
  [43, DIGIT_SETS.phone],
  [45, DIGIT_SETS.phone | DIGIT_SETS.digitSpaceDash],
  [46, DIGIT_SETS.phone | DIGIT_SETS.ipv4 | DIGIT_SETS.dottedCard],
  [47, DIGIT_SETS.phone | DIGIT_SETS.ipv4],
  [0xa0, DIGIT_SETS.dottedCard],
  [0x2009, DIGIT_SETS.dottedCard],
  [0x202f, DIGIT_SETS.dottedCard],
] as const)
  DIGIT_SET[c] = sets;

let runs: Int32Array = new Int32Array(48);
let runCount = 0;
/** `longestDigitChain` of the scanned text, -1 until asked. */
let chain = -1;

/** Records a run from its first digit, widened back over the digit punctuation before it. */
function pushRun(text: string, firstDigit: number, end: number, digits: number): void {
  let start = firstDigit;
  while (start > 0 && CLASS[text.charCodeAt(start - 1)] === PUNCTUATION) start--;
  runs = grow(runs, (runCount + 1) * 3);
  runs[runCount * 3] = start;
  runs[runCount * 3 + 1] = end;
  runs[runCount * 3 + 2] = digits;
  runCount++;
}

/**
 * Per run of the scanned text, 3 entries: its first digit, one past its last digit, and the
 * `DIGIT_SETS` every character between them belongs to. Filled by `digitRunsOf` at its first
 * call per text (one walk over the runs instead of one per recognizer); `shapesFor` is the
 * text they describe.
 */
let shapes: Int32Array = new Int32Array(48);
let shapesFor: string | undefined;
/** Most dots in one run of the text `shapesFor`. */
let mostDots = 0;

function shapeRuns(text: string): void {
  shapes = grow(shapes, runCount * 3);
  mostDots = 0;
  for (let r = 0; r < runCount; r++) {
    const end = runs[r * 3 + 1]!;
    let first = runs[r * 3]!;
    let dots = 0;
    for (; !isDigitCode(text.charCodeAt(first)); first++) if (text.charCodeAt(first) === 46) dots++;
    let sets = ALL_SETS;
    let running = ALL_SETS;
    let last = first + 1;
    for (let i = first + 1; i < end; i++) {
      const c = text.charCodeAt(i);
      running &= DIGIT_SET[c]!;
      if (c >= 48 && c <= 57) {
        last = i + 1;
        sets = running;
      } else if (c === 46) dots++;
    }
    shapes[r * 3] = first;
    shapes[r * 3 + 1] = last;
    shapes[r * 3 + 2] = sets;
    if (dots > mostDots) mostDots = dots;
  }
  shapesFor = text;
}

/** The most dots any digit run of `text` (4+ digits) holds: an IPv4 address needs a run with three. */
export function mostDotsInARun(text: string): number {
  scanOf(text);
  if (shapesFor !== text) shapeRuns(text);
  return mostDots;
}

/** Whether the code unit is an ASCII digit. */
export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Most digits in one chain where up to two separators (space, `-`, `.`, `/`, `(`, `)`, tab,
 * no-break or thin space) sit between digits: exact from 4 digits up (below, some value under 4). Such a chain
 * lies inside one digit run, so only those are read.
 */
export function longestDigitChain(text: string): number {
  scanOf(text);
  if (chain >= 0) return chain;
  let best = 0;
  for (let r = 0; r < runCount; r++) {
    if (runs[r * 3 + 2]! <= best) continue;
    let run = 0;
    let separators = 0;
    for (let i = runs[r * 3]!, end = runs[r * 3 + 1]!; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        run++;
        separators = 0;
        if (run > best) best = run;
      } else if (c === 43) {
        run = 0;
        separators = 0;
      } else if (++separators > 2) run = 0;
    }
  }
  chain = best;
  return best;
}

/**
 * Calls `each(start, end)` for every maximal run of characters of `set` (one of `DIGIT_SETS`)
 * holding at least `minDigits` digits (4 or more). A regex whose matches consist of such
 * characters only finds all its matches inside these runs.
 */
export function digitRunsOf(
  text: string,
  set: number,
  minDigits: number,
  each: (start: number, end: number) => void,
): void {
  scanOf(text);
  if (shapesFor !== text) shapeRuns(text);
  for (let r = 0; r < runCount; r++) {
    if (runs[r * 3 + 2]! < minDigits) continue;
    const runStart = runs[r * 3]!;
    const end = runs[r * 3 + 1]!;
    if ((shapes[r * 3 + 2]! & set) !== 0) {
      // Every character between the first and last digit is in `set`: one sub-run holds all
      // the digits (any other holds none), widened over the set's characters on each side.
      let start = shapes[r * 3]!;
      while (start > runStart && (DIGIT_SET[text.charCodeAt(start - 1)]! & set) !== 0) start--;
      let stop = shapes[r * 3 + 1]!;
      while (stop < end && (DIGIT_SET[text.charCodeAt(stop)]! & set) !== 0) stop++;
      each(start, stop);
      continue;
    }
    let i = runStart;
    while (i < end) {
      while (i < end && (DIGIT_SET[text.charCodeAt(i)]! & set) === 0) i++;
      const start = i;
      let digits = 0;
      for (; i < end; i++) {
        const c = text.charCodeAt(i);
        if ((DIGIT_SET[c]! & set) === 0) break;
        if (c >= 48 && c <= 57) digits++;
      }
      if (digits >= minDigits) each(start, i);
    }
  }
}
