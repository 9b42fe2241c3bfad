import { isIPv6 } from 'node:net';
import type { Recognizer, RecognizerMatch } from '../recognizer.js';
import { IBAN_LENGTHS, ibanCheck } from '../validators/iban.js';
import { cardBrand, luhnCheck } from '../validators/luhn.js';
import { ssnCheckAt } from '../validators/us-ssn.js';
import {
  caseInsensitive,
  findNearAt,
  hasDigitIn,
  isWordCode,
  joinsAfter,
  joinsBefore,
  joinsBeforeLetter,
  lowerOf,
} from './text-boundary.js';
import {
  DIGIT_SETS,
  digitRunsOf,
  familyPrefilter,
  isDigitCode,
  longestDigitChain,
  matchesAnyAt,
  matchesAt,
  mentions,
  mostDotsInARun,
  scanOf,
  triggerFamily,
} from './text-scan.js';

const LETTER = /\p{L}/u;
function isNonAsciiLetter(c: number): boolean {
  return c > 127 && LETTER.test(String.fromCharCode(c));
}

function isEmailLocalCode(c: number): boolean {
  return isWordCode(c) || c === 46 || c === 37 || c === 43 || c === 45 || c === 39 || isNonAsciiLetter(c);
}

function isDomainCode(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 45 ||
    c === 46 ||
    isNonAsciiLetter(c)
  );
}

const NON_LETTER_UNICODE = /[^\p{L}\p{N}]/u;

/** Email: expands around each `@` (no regex over the whole text), checks the domain has an alphabetic TLD. */
function findEmails(text: string, out: RecognizerMatch[]): void {
  let at = text.indexOf('@');
  let floor = 0;
  while (at >= 0) {
    let start = at;
    while (start > floor && isEmailLocalCode(text.charCodeAt(start - 1))) start--;
    // A JSON escape (`\n`, `\t`) right before the address is not part of it.
    if (start > 0 && start < at && text.charCodeAt(start - 1) === 92) start++;
    while (start < at && text.charCodeAt(start) === 46) start++;
    let end = at + 1;
    while (end < text.length && isDomainCode(text.charCodeAt(end))) end++;
    while (end > at + 1 && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45)) end--;
    const next = text.indexOf('@', at + 1);
    if (start < at && end > at + 1) {
      const domain = text.slice(at + 1, end);
      const dot = domain.lastIndexOf('.');
      const tld = dot > 0 ? domain.slice(dot + 1) : '';
      const local = text.slice(start, at);
      if (
        tld.length >= 2 &&
        tld.length <= 24 &&
        !/[^\p{L}]/u.test(tld) &&
        !domain.includes('..') &&
        !local.includes('..') &&
        !NON_LETTER_UNICODE.test(local.replace(/[._%+'-]/g, '')) &&
        (next < 0 || next >= end)
      ) {
        out.push({ start, end });
        floor = end;
      }
    }
    at = next;
  }
}

const AT_WORDS = 'at|arobase|arroba|ät|klammeraffe';
const DOT_WORDS = 'dot|punkt|point|punto';
/** The "at" of an obfuscated address; the scan starts here (cheap) instead of at every word. */
const AT_TOKEN = new RegExp(
  `\\s*[([{<]\\s*(?:${AT_WORDS}|@)\\s*[)\\]}>]\\s*|\\s+(?:${AT_WORDS})\\s+|\\s+@\\s*|\\s*@\\s+`,
  'gi',
);
/** The domain after the "at": labels joined by dots or spelled-out dots. */
const OBFUSCATED_DOMAIN = new RegExp(
  `[\\p{L}\\p{N}-]+(?:(?:\\s*[([{<]\\s*(?:${DOT_WORDS}|\\.)\\s*[)\\]}>]\\s*|\\s+(?:${DOT_WORDS})\\s+|\\s+\\.\\s+|\\.)[\\p{L}\\p{N}-]+){1,4}`,
  'iuy',
);
const BARE_AT = new RegExp(`\\s(?:${AT_WORDS})\\s`, 'iu');
const DOT_WORD = new RegExp(`[([{<\\s](?:${DOT_WORDS})[)\\]}>\\s]`, 'iu');
const OBFUSCATION_PREFILTER = new RegExp(`[([{<\\s](?:${AT_WORDS}|@)[)\\]}>\\s]`, 'i');
const LAST_LABEL = /[\p{L}\p{N}-]+$/u;
const TRAILING_LABEL = new RegExp(
  `(?:\\s*[([{<]\\s*(?:${DOT_WORDS}|\\.)\\s*[)\\]}>]\\s*|\\s+(?:${DOT_WORDS})\\s+|\\s+\\.\\s+|\\.)[\\p{L}\\p{N}-]+$`,
  'iu',
);
const HAS_DOMAIN_DOT = new RegExp(`(?:[([{<\\s](?:${DOT_WORDS})[)\\]}>\\s]|\\.)`, 'iu');

/**
 * Where an AT_TOKEN match can be anchored: a bracketed "at", a spelled-out "at" between
 * whitespace, or an `@`. Every AT_TOKEN match contains one and starts at the whitespace run
 * right before it (or at it), so AT_TOKEN is tried only there instead of at every space.
 * Case-sensitive over the lower-cased text.
 */
const AT_CORE = new RegExp(`[([{<]\\s*(?:${AT_WORDS}|@)\\s*[)\\]}>]|(?<=\\s)(?:${AT_WORDS})(?=\\s)|@`, 'y');
const AT_CORE_CI = new RegExp(AT_CORE.source, 'iy');
/** Spelled-out "at" words; in AT_CORE and OBFUSCATION_PREFILTER they follow whitespace or a bracket. */
const AT_FAMILY = triggerFamily({ wordStart: AT_WORDS.split('|') });
const OBFUSCATION_AT = new RegExp(OBFUSCATION_PREFILTER.source, 'iy');

function isOpeningBracket(c: number): boolean {
  return c === 40 || c === 91 || c === 123 || c === 60;
}

/**
 * Every position where an AT_CORE match can start: each `@`, each spelled-out "at" word the
 * scan saw, and a bracket before either (across whitespace). Ascending, no duplicates.
 */
function atAnchors(text: string): number[] {
  const anchors: number[] = [];
  const scan = scanOf(text);
  const words = scan.positions[AT_FAMILY.id]!;
  const count = scan.counts[AT_FAMILY.id]!;
  let w = 0;
  let at = text.indexOf('@');
  while (w < count || at >= 0) {
    let p: number;
    if (at >= 0 && (w >= count || at < words[w]!)) {
      p = at;
      at = text.indexOf('@', at + 1);
    } else p = words[w++]!;
    let q = p;
    while (q > 0 && isSpaceCode(text.charCodeAt(q - 1))) q--;
    if (q > 0 && isOpeningBracket(text.charCodeAt(q - 1)) && anchors[anchors.length - 1] !== q - 1)
      anchors.push(q - 1);
    if (anchors[anchors.length - 1] !== p) anchors.push(p);
  }
  // Ascending: a bracket sits right before the whitespace before its anchor, after any earlier anchor.
  return anchors;
}

/** OBFUSCATION_PREFILTER tried one character before each `@` and spelled-out "at" word. */
function mayHaveObfuscatedEmail(text: string): boolean {
  const scan = scanOf(text);
  const words = scan.positions[AT_FAMILY.id]!;
  for (let w = 0, count = scan.counts[AT_FAMILY.id]!; w < count; w++) {
    if (words[w]! === 0) continue;
    OBFUSCATION_AT.lastIndex = words[w]! - 1;
    if (OBFUSCATION_AT.test(text)) return true;
  }
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    if (at === 0) continue;
    OBFUSCATION_AT.lastIndex = at - 1;
    if (OBFUSCATION_AT.test(text)) return true;
  }
  return false;
}
/** AT_TOKEN anchored at one position. */
const AT_TOKEN_AT = new RegExp(AT_TOKEN.source, 'iy');

function isSpaceCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || (c > 127 && /\s/.test(String.fromCharCode(c)));
}

/**
 * The AT_TOKEN matches of a global AT_CORE scan, left to right: AT_CORE (sticky) is tried at
 * the anchors only, `state.from` standing for its `lastIndex`.
 */
function nextAtToken(
  text: string,
  core: RegExp,
  subject: string,
  floor: number,
  anchors: readonly number[],
  state: { k: number; from: number },
): RegExpExecArray | null {
  while (state.k < anchors.length) {
    const anchor = anchors[state.k++]!;
    if (anchor < state.from) continue;
    core.lastIndex = anchor;
    const c = core.exec(subject);
    if (c === null) continue;
    state.from = c.index + c[0].length;
    if (c.index < floor) continue;
    let from = c.index;
    while (from > floor && isSpaceCode(text.charCodeAt(from - 1))) from--;
    AT_TOKEN_AT.lastIndex = from;
    const at = AT_TOKEN_AT.exec(text);
    if (at !== null) {
      state.from = Math.max(state.from, at.index + at[0].length);
      return at;
    }
  }
  return null;
}

/** Obfuscated emails; a greedy match that fails validation is retried without its last label. */
function findObfuscatedEmails(text: string, out: RecognizerMatch[]): void {
  const lower = lowerOf(text);
  const core = lower.length === text.length ? AT_CORE : AT_CORE_CI;
  const subject = core === AT_CORE ? lower : text;
  const anchors = atAnchors(text);
  const state = { k: 0, from: 0 };
  let floor = 0;
  for (
    let at = nextAtToken(text, core, subject, floor, anchors, state);
    at !== null;
    at = nextAtToken(text, core, subject, floor, anchors, state)
  ) {
    floor = at.index + at[0].length;
    let start = at.index;
    while (start > 0 && isEmailLocalCode(text.charCodeAt(start - 1))) start--;
    if (start === at.index) continue;
    OBFUSCATED_DOMAIN.lastIndex = at.index + at[0].length;
    const domain = OBFUSCATED_DOMAIN.exec(text);
    if (domain === null) continue;
    let value = text.slice(start, domain.index + domain[0].length);
    // A greedy match that fails validation is retried without its last label.
    for (;;) {
      if (validateObfuscatedEmail(value)) {
        out.push({ start, end: start + value.length });
        floor = Math.max(floor, start + value.length);
        break;
      }
      const trimmed = value.replace(TRAILING_LABEL, '');
      if (trimmed === value || !HAS_DOMAIN_DOT.test(trimmed.slice(trimmed.search(/[\s([{<@]/)))) break;
      value = trimmed;
    }
  }
}

/** "name at example dot com", "name(at)example(dot)com", "name [at] example.com", "name @ example . com". */
function validateObfuscatedEmail(value: string): boolean | number {
  if (!/[\s([{<]/.test(value)) return false; // plain emails belong to `email`
  const tld = LAST_LABEL.exec(value)?.[0] ?? '';
  if (tld.length < 2 || tld.length > 12 || /[^\p{L}]/u.test(tld)) return false;
  // " at " in prose is common: then the dots must be spelled out as well.
  if (BARE_AT.test(value) && !DOT_WORD.test(value)) return false;
  return true;
}

/**
 * Card runs: digits in groups separated by single spaces or dashes. The lookahead skips runs
 * shorter than 13 characters without building a match (every year or count in the text);
 * it never skips a run start that could produce a 13+ character run.
 */
const CARD_RUN = /(?=\d[\d -]{12})\d{1,19}(?:[ -]\d{1,19}){0,7}/g;

/** 4-4-4-4 groups joined by dots or no-break/thin spaces (the CARD_RUN separators are space and dash). */
const CARD_DOTTED = /\d{4}([.\u00a0\u2009\u202f])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?/g;

function findDottedCards(text: string, out: RecognizerMatch[]): void {
  digitRunsOf(text, DIGIT_SETS.dottedCard, 16, (runStart, runEnd) => {
    const slice = text.slice(runStart, runEnd);
    CARD_DOTTED.lastIndex = 0;
    for (let m = CARD_DOTTED.exec(slice); m !== null; m = CARD_DOTTED.exec(slice)) {
      const start = runStart + m.index;
      const end = start + m[0].length;
      if (joinsBefore(text, start) || joinsAfter(text, end) || text.charCodeAt(start - 1) === 46) continue;
      if (text.charCodeAt(end) === 46 && isDigitCode(text.charCodeAt(end + 1))) continue;
      const digits = m[0].replace(/\D/g, '');
      if (luhnCheck(digits) && cardBrand(digits) !== undefined) out.push({ start, end, score: 0.95 });
    }
  });
}

function findCards(text: string, out: RecognizerMatch[]): void {
  findDottedCards(text, out);
  digitRunsOf(text, DIGIT_SETS.digitSpaceDash, 13, (start, end) => findCardRuns(text, start, end, out));
}

/** CARD_RUN matches inside one run of digits, spaces and dashes (they consist of nothing else). */
function findCardRuns(text: string, from: number, to: number, out: RecognizerMatch[]): void {
  const slice = text.slice(from, to);
  CARD_RUN.lastIndex = 0;
  for (let s = CARD_RUN.exec(slice); s !== null; s = CARD_RUN.exec(slice)) {
    const run = s[0];
    if (run.length < 13) continue;
    const at = from + s.index;
    const runEnd = at + run.length;
    // Boundaries by hand (cheaper than unicode lookarounds): not inside a word, a decimal or a path.
    if (joinsBefore(text, at) || joinsAfter(text, runEnd)) continue;
    const before = text.charCodeAt(at - 1);
    if (before === 46 || before === 44 || before === 47 || before === 45) continue;
    const after = text.charCodeAt(runEnd);
    if (
      (after === 46 || after === 44 || after === 47 || after === 45) &&
      isDigitCode(text.charCodeAt(runEnd + 1))
    )
      continue;
    // The run's digit groups: offsets in `run` and, for slicing `digits`, digit counts before them.
    const groups = cardGroups;
    if (groups.length !== 0) groups.length = 0;
    let long = false;
    for (let i = 0, counted = 0; i < run.length; ) {
      if (!isDigitCode(run.charCodeAt(i))) {
        i++;
        continue;
      }
      const start = i;
      while (i < run.length && isDigitCode(run.charCodeAt(i))) i++;
      groups.push(start, i, counted);
      counted += i - start;
      if (i - start > 6) long = true;
    }
    const count = groups.length / 3;
    if (count > 1 && long) {
      // A long unseparated run next to short ones: only whole single groups can be cards.
      for (let g = 0; g < count; g++)
        if (groups[g * 3 + 1]! - groups[g * 3]! >= 13)
          checkCard(text, at + groups[g * 3]!, at + groups[g * 3 + 1]!, out);
      continue;
    }
    // "GR11 6669 1820 …" is an IBAN-like string (valid ones belong to the IBAN recognizer).
    if (ibanGroupBefore(text, at)) continue;
    const digits = run.replace(/[ -]/g, '');
    let first = 0;
    while (first < count) {
      let found = -1;
      for (let last = count - 1; last >= first && found < 0; last--) {
        const from = groups[first * 3 + 2]!;
        const to = groups[last * 3 + 2]! + groups[last * 3 + 1]! - groups[last * 3]!;
        if (to - from < 13 || to - from > 19) continue;
        const candidate = digits.slice(from, to);
        if (luhnCheck(candidate) && cardBrand(candidate) !== undefined) found = last;
      }
      if (found >= 0) {
        const start = at + groups[first * 3]!;
        const end = at + groups[found * 3 + 1]!;
        // Part of a longer digit run: a card only if a context word says so.
        const partial = first > 0 || found < count - 1;
        out.push({ start, end, score: partial ? 0.45 : cardScore(start, end, found > first) });
        first = found + 1;
      } else first++;
    }
  }
}

/** Reused by findCardRuns: start, end (in the run) and digits before, per group. */
const cardGroups: number[] = [];

/** `/[A-Za-z]{2}\d{2}[ -]$/` over the 5 characters before `at`: an IBAN's country and check digits. */
function ibanGroupBefore(text: string, at: number): boolean {
  if (at < 5) return false;
  const c = text.charCodeAt(at - 1);
  return (
    (c === 32 || c === 45) &&
    isDigitCode(text.charCodeAt(at - 2)) &&
    isDigitCode(text.charCodeAt(at - 3)) &&
    isAsciiLetter(text.charCodeAt(at - 4)) &&
    isAsciiLetter(text.charCodeAt(at - 5))
  );
}

function checkCard(text: string, start: number, end: number, out: RecognizerMatch[]): void {
  const digits = text.slice(start, end);
  if (digits.length <= 19 && luhnCheck(digits) && cardBrand(digits) !== undefined)
    out.push({ start, end, score: cardScore(start, end, false) });
}

/**
 * 14–19 digits that pass Luhn inside an issuer range are cards on their own; 12–13 digit
 * runs collide with EAN-13 barcodes and ids, so they need a context word (score below the bar).
 */
function cardScore(start: number, end: number, grouped: boolean): number {
  return grouped || end - start >= 14 ? 0.95 : 0.4;
}

/** IBAN: country code + check digits, then exactly the country's length of alphanumerics (single spaces/dashes allowed). */

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isAsciiAlnum(c: number): boolean {
  return isAsciiLetter(c) || isDigitCode(c);
}

/** IBAN length by country, indexed by the two upper-cased letters (0: no IBAN country). */
const IBAN_LENGTH_TABLE = new Uint8Array(26 * 26);
for (const [country, length] of Object.entries(IBAN_LENGTHS))
  IBAN_LENGTH_TABLE[(country.charCodeAt(0) - 65) * 26 + country.charCodeAt(1) - 65] = length;

/** IBAN_LENGTHS of two ASCII letters, either case (no string built per candidate). */
function ibanLength(first: number, second: number): number | undefined {
  const length = IBAN_LENGTH_TABLE[((first & 0xdf) - 65) * 26 + (second & 0xdf) - 65]!;
  return length === 0 ? undefined : length;
}

/** IBAN_START at `at`: two letters, two digits, then (after one optional space or dash) a letter or digit. */
function ibanStartAt(text: string, at: number): boolean {
  if (!isAsciiLetter(text.charCodeAt(at)) || !isAsciiLetter(text.charCodeAt(at + 1))) return false;
  if (!isDigitCode(text.charCodeAt(at + 2)) || !isDigitCode(text.charCodeAt(at + 3))) return false;
  const c = text.charCodeAt(at + 4);
  return isAsciiAlnum(c) || ((c === 32 || c === 45) && isAsciiAlnum(text.charCodeAt(at + 5)));
}

/** Tries IBAN_START only where the scan saw two letters then two digits (IBAN_START's every match starts there). */
function findIbans(text: string, out: RecognizerMatch[]): void {
  const scan = scanOf(text);
  let lastIndex = 0;
  for (let k = 0; k < scan.ibanCount; k++) {
    const at = scan.ibanStarts[k]!;
    if (at < lastIndex || !ibanStartAt(text, at)) continue;
    lastIndex = at + 4;
    // Most hits sit inside words (`sha256`, `abc12`): the boundary check is cheaper than the lookup.
    if (joinsBefore(text, at)) continue;
    const length = ibanLength(text.charCodeAt(at), text.charCodeAt(at + 1));
    if (length === undefined) continue;
    // Count the country's number of alphanumerics (single spaces/dashes between), then build once.
    let count = 4;
    let i = at + 4;
    while (count < length && i < text.length) {
      const c = text.charCodeAt(i);
      if (isWordCode(c) && c !== 95) {
        count++;
        i++;
      } else if ((c === 32 || c === 45) && i + 1 < text.length && isWordCode(text.charCodeAt(i + 1))) i++;
      else break;
    }
    if (count !== length) continue;
    // The IBAN must end at a token boundary (a following space + more groups is fine).
    if (i < text.length && isWordCode(text.charCodeAt(i)) && text.charCodeAt(i) !== 95) continue;
    if (ibanCheck(text.slice(at, i).replace(/[ -]/g, '').toUpperCase())) {
      out.push({ start: at, end: i });
      lastIndex = i;
    }
  }
}

/**
 * `(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\w]|[-.]\d)` at `p`, matched by hand (the regex has one
 * way to match at a position: the separator is taken when present, and without it the next
 * `\d` fails). Returns the match end, or -1.
 */
function ssnAt(text: string, p: number): number {
  if (
    !isDigitCode(text.charCodeAt(p)) ||
    !isDigitCode(text.charCodeAt(p + 1)) ||
    !isDigitCode(text.charCodeAt(p + 2))
  )
    return -1;
  const separator = text.charCodeAt(p + 3);
  const width = separator === 45 || separator === 32 ? 1 : 0;
  let i = p + 3 + width;
  if (!isDigitCode(text.charCodeAt(i)) || !isDigitCode(text.charCodeAt(i + 1))) return -1;
  i += 2;
  if (width === 1) {
    if (text.charCodeAt(i) !== separator) return -1;
    i++;
  }
  for (const stop = i + 4; i < stop; i++) if (!isDigitCode(text.charCodeAt(i))) return -1;
  const next = text.charCodeAt(i);
  if (isWordCode(next) || ((next === 45 || next === 46) && isDigitCode(text.charCodeAt(i + 1)))) return -1;
  return i;
}

function findSsns(text: string, out: RecognizerMatch[]): void {
  digitRunsOf(text, DIGIT_SETS.digitSpaceDash, 9, (runStart, runEnd) => {
    // The regex's global scan over the run: matches never overlap. A match ends its first
    // digit group where the group ends (then comes a separator, or the lookahead's non-digit
    // after nine digits), so only the positions 3 and 9 digits before a group's end can start one.
    let from = runStart; // where the scan would resume
    for (let i = runStart; i < runEnd; ) {
      if (!isDigitCode(text.charCodeAt(i))) {
        i++;
        continue;
      }
      const groupStart = i;
      while (i < runEnd && isDigitCode(text.charCodeAt(i))) i++;
      for (let k = 0; k < 2; k++) {
        const start = k === 0 ? i - 9 : i - 3;
        if (start < groupStart || start < from) continue;
        const end = ssnAt(text, start);
        if (end < 0) continue;
        const separator = text.charCodeAt(start + 3);
        const dashed = separator === 45;
        const width = dashed || separator === 32 ? 1 : 0;
        if (
          !joinsBefore(text, start) &&
          text.charCodeAt(start - 1) !== 45 &&
          !joinsAfter(text, end) &&
          ssnCheckAt(text, start, start + 3 + width, start + 5 + 2 * width)
        )
          // Dashed 3-2-4 is the SSN's own shape; spaced or bare digits need a context word.
          out.push({ start, end, score: dashed ? 0.8 : 0.3 });
        from = end;
      }
    }
  });
}

const VERSION_BEFORE = /(?:\bv|version|vers\.?|ver\.?|build|release|rev\.?|firmware|fw)\s*$/i;

/**
 * Whether the octet `(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)` can take `width` characters at `p`
 * (3, 2 or 1: the order in which the regex tries them).
 */
function octetFits(text: string, p: number, width: number): boolean {
  const a = text.charCodeAt(p);
  if (!isDigitCode(a)) return false;
  if (width === 1) return true;
  const b = text.charCodeAt(p + 1);
  if (!isDigitCode(b)) return false;
  if (width === 2) return a !== 48;
  const c = text.charCodeAt(p + 2);
  if (!isDigitCode(c)) return false;
  return a === 49 || (a === 50 && (b < 53 || (b === 53 && c <= 53)));
}

/**
 * `(?:\/\d{1,2})?(?![\w]|\.\d)` at `p`, as the regex backtracks: a two-digit prefix length,
 * a one-digit one, none. Returns the end, or -1.
 */
function ipv4TailAt(text: string, p: number): number {
  if (text.charCodeAt(p) === 47 && isDigitCode(text.charCodeAt(p + 1))) {
    if (isDigitCode(text.charCodeAt(p + 2)) && ipv4EndsAt(text, p + 3)) return p + 3;
    if (ipv4EndsAt(text, p + 2)) return p + 2;
  }
  return ipv4EndsAt(text, p) ? p : -1;
}

function ipv4EndsAt(text: string, p: number): boolean {
  const c = text.charCodeAt(p);
  return !isWordCode(c) && !(c === 46 && isDigitCode(text.charCodeAt(p + 1)));
}

/** End of the whole match (with any `/prefix`) found by the last successful `ipv4From`. */
let ipv4MatchEnd = -1;

/** End of the address (before any `/prefix`) of the IPv4 regex's match from octet `k` at `p`, or -1. */
function ipv4From(text: string, p: number, k: number): number {
  for (let width = 3; width >= 1; width--) {
    if (!octetFits(text, p, width)) continue;
    const after = p + width;
    if (k === 3) {
      const end = ipv4TailAt(text, after);
      if (end >= 0) {
        ipv4MatchEnd = end;
        return after;
      }
    } else if (text.charCodeAt(after) === 46) {
      const found = ipv4From(text, after + 1, k + 1);
      if (found >= 0) return found;
    }
  }
  return -1;
}

/**
 * IPv4 addresses: what `/(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:…)){3}(?:\/\d{1,2})?(?![\w]|\.\d)/g`
 * finds inside each run of digits, dots and slashes, matched by hand with the regex's
 * backtracking order (octet widths 3, 2, 1; prefix lengths 2, 1, none).
 */
function findIpv4(text: string, out: RecognizerMatch[]): void {
  digitRunsOf(text, DIGIT_SETS.ipv4, 4, (runStart, runEnd) => {
    // A match holds three dots: years, card groups and counts never reach the matcher.
    let dots = 0;
    for (let i = runStart; i < runEnd && dots < 3; i++) if (text.charCodeAt(i) === 46) dots++;
    if (dots < 3) return;
    // The regex's global scan over the run: matches never overlap. A match's first octet runs
    // up to a dot, so only the last three digits before each dot can start one.
    let from = runStart; // where the scan would resume
    for (let dot = text.indexOf('.', runStart); dot >= 0 && dot < runEnd; dot = text.indexOf('.', dot + 1)) {
      for (let start = Math.max(from, dot - 3); start < dot; start++) {
        const end = ipv4From(text, start, 0);
        if (end < 0) continue;
        const matchEnd = ipv4MatchEnd;
        if (
          !joinsBefore(text, start) &&
          text.charCodeAt(start - 1) !== 46 &&
          !joinsAfter(text, matchEnd) &&
          !isUnspecifiedOrBroadcast(text, start, end) &&
          !VERSION_BEFORE.test(text.slice(Math.max(0, start - 12), start))
        )
          out.push({ start, end });
        from = matchEnd;
        break;
      }
    }
  });
}

/** `0.0.0.0` or `255.255.255.255` at [start, end). */
function isUnspecifiedOrBroadcast(text: string, start: number, end: number): boolean {
  const length = end - start;
  return (
    (length === 7 && text.startsWith('0.0.0.0', start)) ||
    (length === 15 && text.startsWith('255.255.255.255', start))
  );
}

function isIpv6Code(c: number): boolean {
  return (c >= 48 && c <= 58) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) || c === 46;
}

function twoColons(text: string, start: number, end: number): boolean {
  const first = text.indexOf(':', start);
  if (first < 0 || first >= end) return false;
  const second = text.indexOf(':', first + 1);
  return second >= 0 && second < end;
}

/** IPv6: grow a span of hex digits, colons and dots around each `:`, then let node:net judge it. */
function findIpv6(text: string, out: RecognizerMatch[]): void {
  let colon = text.indexOf(':');
  while (colon >= 0) {
    let start = colon;
    while (start > 0 && isIpv6Code(text.charCodeAt(start - 1))) start--;
    let end = colon + 1;
    while (end < text.length && isIpv6Code(text.charCodeAt(end))) end++;
    while (
      end > start &&
      (text.charCodeAt(end - 1) === 46 ||
        (text.charCodeAt(end - 1) === 58 && text.charCodeAt(end - 2) !== 58))
    )
      end--;
    while (start < end && text.charCodeAt(start) === 46) start++;
    let zone = end;
    if (text.charCodeAt(end) === 37) {
      zone = end + 1;
      while (zone < text.length && isWordCode(text.charCodeAt(zone))) zone++;
    }
    // Cheap tests first: the span is only built for two colons or more (times, "Note:" have one).
    if (
      end - start >= 3 &&
      !joinsBefore(text, start) &&
      !joinsAfter(text, zone) &&
      twoColons(text, start, end) &&
      isIPv6(text.slice(start, end))
    )
      out.push({ start, end: zone });
    colon = text.indexOf(':', Math.max(end, colon + 1));
  }
}

const MONTHS = [
  'january|february|march|april|may|june|july|august|september|october|november|december',
  'jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec',
  'januar|jänner|februar|märz|maerz|mai|juni|juli|oktober|dezember',
  'janvier|février|fevrier|mars|avril|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre',
  'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre',
].join('|');
const DATE_PATTERN = new RegExp(
  `(?<!(?<!\\\\)[\\p{L}\\p{N}_])(?:\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.](?:\\d{4}|\\d{2})|\\d{1,2}(?:st|nd|rd|th|er|º|°)?\\.?\\s+(?:de\\s+)?(?:${MONTHS})\\.?,?\\s+(?:de\\s+)?\\d{4}|(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4})(?![\\p{L}\\p{N}_])`,
  'giu',
);

const BIRTH_WORDS =
  /born|birth|dob|d\.o\.b|geboren|geburt|geb\.|née?|naissance|nacid[oa]|nacimiento|cumpleaños|anniversaire/iy;
/** Every BIRTH_WORDS alternative starts with one of these. */
const BIRTH_FAMILY = triggerFamily({
  anywhere: [
    'born',
    'birth',
    'dob',
    'd.o.b',
    'geb',
    'né',
    'naissance',
    'nacid',
    'nacimiento',
    'cumpleaños',
    'anniversaire',
  ],
});

/** Dates within 40 characters after a birth word (the engine then checks the context window). */
function findDatesOfBirth(text: string, out: RecognizerMatch[]): void {
  // Every DATE_PATTERN alternative holds a digit (a day or a year).
  findNearAt(
    text,
    BIRTH_FAMILY,
    BIRTH_WORDS,
    DATE_PATTERN,
    40,
    plausibleDate,
    (start, end) => out.push({ start, end }),
    true,
  );
}

function plausibleDate(value: string): boolean {
  const numbers = value.match(/\d+/g) ?? [];
  const year = numbers.find((n) => n.length === 4);
  if (year !== undefined) {
    const y = Number(year);
    if (y < 1900 || y > 2030) return false;
  }
  return numbers.every((n) => n.length === 4 || Number(n) <= 31);
}

const STREET_EN =
  'street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|square|sq|parkway|pkwy|highway|hwy|close|crescent|circle|cir|trail';
const STREET_EN_CI = caseInsensitive(STREET_EN);
const FR_PARTICLES = "(?:(?:de|du|des|la|le|les|l['’]|d['’])\\s*)*";
const FR_NAME = `${FR_PARTICLES}\\p{Lu}[\\p{L}'’-]*`;
const ADDRESS_PATTERN = new RegExp(
  [
    // 221B Baker Street, 1600 Pennsylvania Ave NW, Apt 4, Springfield, IL 62704
    `(?<!(?<!\\\\)[\\p{L}\\p{N}_])\\d{1,5}[A-Za-z]?\\s+(?:[NSEW]\\.?\\s+)?(?:\\p{Lu}[\\p{L}'.-]*\\s+){1,4}(?:${STREET_EN_CI})\\b\\.?(?:\\s+(?:NW|NE|SW|SE|N|S|E|W)\\b)?(?:,?\\s+(?:${caseInsensitive('apt|apartment|suite|ste|unit|fl|floor')}|#)\\.?\\s*[\\w-]+)?(?:,\\s*\\p{Lu}[\\p{L}.' -]{1,30}?,\\s*[A-Z]{2}\\s+\\d{5}(?:-\\d{4})?)?`,
    // Hauptstraße 5, Berliner Str. 12a, 10115 Berlin
    `\\b\\p{Lu}[\\p{L}-]*(?:straße|strasse|str\\.|weg|gasse|allee|platz|ring|damm|ufer|steig|chaussee)\\s*\\d{1,4}\\s?[a-z]?\\b(?:,\\s*(?:D-)?\\d{5}\\s+\\p{Lu}[\\p{L}-]+)?`,
    `\\b\\p{Lu}[\\p{L}-]*\\s+(?:Straße|Strasse|Str\\.|Weg|Gasse|Allee|Platz)\\s+\\d{1,4}\\s?[a-z]?\\b(?:,\\s*(?:D-)?\\d{5}\\s+\\p{Lu}[\\p{L}-]+)?`,
    // 12 rue de la Paix, 75002 Paris
    `\\b\\d{1,4}(?:\\s?(?:bis|ter))?,?\\s+(?:${caseInsensitive('rue|avenue|av\\.|boulevard|bd|place|chemin|allée|impasse|quai|route|cours')})\\s+${FR_NAME}(?:\\s+${FR_NAME})*(?:,?\\s*\\d{5}\\s+\\p{Lu}[\\p{L}-]+)?`,
    // Calle Mayor 12, 28013 Madrid
    `\\b(?:Calle|C\\/|Avenida|Avda\\.?|Plaza|Pza\\.?|Paseo|Camino|Carrer|Ronda|Travesía)\\s+(?:de\\s+(?:la\\s+|los\\s+|las\\s+)?)?[\\p{L}' -]{2,40}?,?\\s*(?:n[º°o]\\.?\\s*)?\\d{1,4}\\b(?:,\\s*\\d{1,2}º\\s*[A-Za-z]?)?(?:,\\s*\\d{5}\\s+\\p{Lu}[\\p{L}-]+)?`,
  ].join('|'),
  'gu',
);
/** Street words anchor the scan: the address pattern runs only in a window around each one. */
function findAddresses(text: string, out: RecognizerMatch[]): void {
  let scannedTo = 0;
  matchesAt(text, text, ADDRESS_FAMILY, ADDRESS_PREFILTER, (hit) => {
    const hitEnd = hit.index + hit[0].length;
    if (hit.index < scannedTo) return hitEnd;
    let from = Math.max(scannedTo, hit.index - 72);
    // Start the window on a whitespace boundary so a house number is never cut in half.
    for (let k = 0; k < 32 && from > scannedTo && !isSpaceCode(text.charCodeAt(from - 1)); k++) from--;
    const to = Math.min(text.length, hit.index + 96);
    // Every alternative of the pattern holds a digit (a house number or a postcode).
    if (!hasDigitIn(text, from, to)) {
      scannedTo = to;
      return Math.max(hitEnd, to);
    }
    const window = text.slice(from, to);
    ADDRESS_PATTERN.lastIndex = 0;
    for (let m = ADDRESS_PATTERN.exec(window); m !== null; m = ADDRESS_PATTERN.exec(window)) {
      if (m[0].length === 0) {
        ADDRESS_PATTERN.lastIndex++;
        continue;
      }
      const start = from + m.index;
      if (m.index === 0 && joinsBefore(text, start)) continue;
      out.push({ start, end: start + m[0].length });
    }
    scannedTo = to;
    return Math.max(hitEnd, to);
  });
}

const ADDRESS_PREFILTER = new RegExp(
  `straße|strasse|str\\.|weg\\b|gasse|allee|platz|ring\\b|damm|ufer|\\b(?:${STREET_EN}|rue|avenue|boulevard|bd|chemin|allée|impasse|quai|route|cours|calle|c/|avenida|avda|plaza|paseo|camino|carrer|ronda)(?![a-zà-ÿ])`,
  'iy',
);
/** Where an ADDRESS_PREFILTER match may start: its suffix words anywhere, its `\b` words at word starts. */
const ADDRESS_FAMILY = triggerFamily({
  anywhere: ['straße', 'strasse', 'str.', 'weg', 'gasse', 'allee', 'platz', 'ring', 'damm', 'ufer'],
  wordStart: [
    ...STREET_EN.split('|'),
    ...'rue|avenue|boulevard|bd|chemin|allée|impasse|quai|route|cours|calle|c/|avenida|avda|plaza|paseo|camino|carrer|ronda'.split(
      '|',
    ),
  ],
});

const NAME_WORD = String.raw`\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)*`;
const PARTICLE = '(?:van|von|de|del|della|der|di|da|du|la|le|dos|das|y|ten|zu)';
/** A name after a trigger: 1–3 capitalized words, with nobiliary particles between them. Case-sensitive. */
const FULL_NAME = new RegExp(
  String.raw`(?:${PARTICLE}[ \t]+){0,2}${NAME_WORD}(?:[ 	]+(?:${PARTICLE}[ 	]+){0,2}${NAME_WORD}){0,2}`,
  'uy',
);
const TITLE_TRIGGER =
  /(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Herr|Frau|Mme|Mlle|Monsieur|Madame|Sr|Sra|Srta|Señor|Señora|Don|Doña|M(?=\.))\.?[ \t]+/y;
/** Every TITLE_TRIGGER match starts with one of these (case-sensitive). */
const TITLE_FAMILY = triggerFamily({
  anywhere: [
    'Mr',
    'Ms',
    'Miss',
    'Mx',
    'Dr',
    'Prof',
    'Herr',
    'Frau',
    'Mme',
    'Mlle',
    'Monsieur',
    'Madame',
    'Sr',
    'Señor',
    'Don',
    'Doña',
    'M.',
  ],
  caseSensitive: true,
});
/** Lower-case phrases: run case-sensitively over the shared lower-cased text (about twice as fast as `/i`). */
const PHRASE_SOURCE =
  /(?:my name is|name is|i am called|full name\s?:|name\s?:|customer\s?:|patient\s?:|employee\s?:|contact person\s?:|signed,?|sincerely,?|regards,?|best,|cheers,|ich heiße|ich heisse|mein name ist|name lautet|kunde\s?:|kundin\s?:|mit freundlichen grüßen,?|viele grüße,?|je m'appelle|je m’appelle|mon nom est|nom\s?:|cordialement,?|me llamo|mi nombre es|nombre\s?:|atentamente,?|saludos,?|un saludo,?)[ \t]*\r?\n?[ \t]*/
    .source;
const PHRASE_TRIGGER = new RegExp(PHRASE_SOURCE, 'y');
/** For a text whose lower-cased form changes length (offsets would not line up). */
const PHRASE_TRIGGER_CI = new RegExp(PHRASE_SOURCE, 'iy');
/** Every PHRASE_SOURCE alternative starts with one of these. */
const PHRASE_FAMILY = triggerFamily({
  anywhere: [
    'my name is',
    'name',
    'i am called',
    'full name',
    'customer',
    'patient',
    'employee',
    'contact person',
    'signed',
    'sincerely',
    'regards',
    'best,',
    'cheers,',
    'ich heiße',
    'ich heisse',
    'mein name ist',
    'kunde',
    'kundin',
    'mit freundlichen grüßen',
    'viele grüße',
    "je m'appelle",
    'je m’appelle',
    'mon nom est',
    'nom',
    'cordialement',
    'me llamo',
    'mi nombre es',
    'atentamente',
    'saludos',
    'un saludo',
  ],
});

/** Title and phrase triggers, each tried only where the scan saw one of its words start. */
function findNames(text: string, out: RecognizerMatch[]): void {
  const lower = lowerOf(text);
  const sameLength = lower.length === text.length;
  const name = (m: RegExpExecArray, score: number): number => {
    const after = m.index + m[0].length;
    if (joinsBeforeLetter(text, m.index)) return after; // "Adr." is not "Dr."
    FULL_NAME.lastIndex = after;
    const found = FULL_NAME.exec(text);
    if (found !== null) out.push({ start: found.index, end: found.index + found[0].length, score });
    return after;
  };
  matchesAt(text, text, TITLE_FAMILY, TITLE_TRIGGER, (m) => name(m, 0.7));
  // Offsets in `lower` are offsets in `text` (same length).
  if (sameLength) matchesAt(text, lower, PHRASE_FAMILY, PHRASE_TRIGGER, (m) => name(m, 0.65));
  else matchesAt(text, text, PHRASE_FAMILY, PHRASE_TRIGGER_CI, (m) => name(m, 0.65));
}
const NAME_PREFILTER_SOURCE =
  /\b(?:mr|mrs|ms|miss|mx|dr|prof|herr|frau|mme|mlle|monsieur|madame|sr|sra|señor|don|doña|m\.|name|customer|patient|employee|contact|signed|sincerely|regards|best|cheers|heiße|heisse|kunde|kundin|grüße|grüßen|gruesse|freundlichen|appelle|nom|cordialement|llamo|nombre|atentamente|saludo|called)/
    .source;
/** Run over the shared lower-cased text (case-sensitive is faster than `/i`); `/i` when offsets differ. */
const NAME_PREFILTER_LOWER = new RegExp(NAME_PREFILTER_SOURCE, 'y');
const NAME_PREFILTER = new RegExp(NAME_PREFILTER_SOURCE, 'iy');
/** Every NAME_PREFILTER match starts with one of these, at a word start. */
const NAME_GATE_FAMILY = triggerFamily({
  wordStart: [
    'mr',
    'ms',
    'miss',
    'mx',
    'dr',
    'prof',
    'herr',
    'frau',
    'mme',
    'mlle',
    'monsieur',
    'madame',
    'sr',
    'señor',
    'don',
    'doña',
    'm.',
    'name',
    'customer',
    'patient',
    'employee',
    'contact',
    'signed',
    'sincerely',
    'regards',
    'best',
    'cheers',
    'heiße',
    'heisse',
    'kunde',
    'kundin',
    'grüße',
    'gruesse',
    'freundlichen',
    'appelle',
    'nom',
    'cordialement',
    'llamo',
    'nombre',
    'atentamente',
    'saludo',
    'called',
  ],
});
function mayHaveNames(text: string): boolean {
  if (!mentions(text, NAME_GATE_FAMILY)) return false;
  const lower = lowerOf(text);
  return lower.length === text.length
    ? matchesAnyAt(text, lower, NAME_GATE_FAMILY, NAME_PREFILTER_LOWER)
    : matchesAnyAt(text, text, NAME_GATE_FAMILY, NAME_PREFILTER);
}
function firstWord(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 32 || c === 9) return value.slice(0, i);
  }
  return value;
}

const NOT_NAMES = new Set([
  'The',
  'This',
  'That',
  'Thanks',
  'Thank',
  'Team',
  'Support',
  'Customer',
  'Service',
  'Admin',
  'Hello',
  'Hi',
  'Dear',
  'Please',
  'Sales',
  'Billing',
  'Unknown',
  'None',
  'Null',
  'Order',
  'Ticket',
  'Account',
]);

/** The built-in personal-data recognizers (phone numbers live in their own file). */
export const piiRecognizers: readonly Recognizer[] = [
  { name: 'email', dataClass: 'pii.email', score: 0.95, prefilter: ['@'], find: findEmails },
  {
    name: 'email-obfuscated',
    dataClass: 'pii.email',
    score: 0.7,
    prefilter: mayHaveObfuscatedEmail,
    find: findObfuscatedEmails,
    context: ['email', 'e-mail', 'mail', 'contact', 'courriel', 'correo', 'write to', 'schreib'],
  },
  {
    name: 'credit-card',
    dataClass: 'pii.card',
    score: 0.95,
    prefilter: (text) => longestDigitChain(text) >= 12,
    find: findCards,
    contextBoost: 0.3,
    context: [
      'card',
      'credit',
      'debit',
      'visa',
      'mastercard',
      'amex',
      'karte',
      'kreditkarte',
      'carte',
      'tarjeta',
      'cc',
      'pan',
    ],
  },
  {
    name: 'iban',
    dataClass: 'pii.iban',
    score: 0.95,
    prefilter: (text) => scanOf(text).ibanCount > 0,
    find: findIbans,
    context: ['iban', 'account', 'bank', 'konto', 'compte', 'cuenta', 'transfer', 'überweisung', 'virement'],
  },
  {
    name: 'us-ssn',
    dataClass: 'pii.ssn',
    score: 0.8,
    prefilter: (text) => longestDigitChain(text) >= 9,
    find: findSsns,
    context: [
      'ssn',
      'social security',
      'social-security',
      'soc sec',
      'taxpayer',
      'ss#',
      'ss #',
      'sozialversicherungsnummer',
    ],
    contextBoost: 0.5,
  },
  {
    name: 'ipv4',
    dataClass: 'pii.ip',
    score: 0.75,
    // A match lies in a digit run (4+ digits) and holds three dots.
    prefilter: (text) => mostDotsInARun(text) >= 3,
    find: findIpv4,
    context: ['ip', 'address', 'host', 'server', 'client', 'adresse', 'dirección', 'from', 'login'],
  },
  {
    name: 'ipv6',
    dataClass: 'pii.ip',
    score: 0.8,
    prefilter: [':'],
    find: findIpv6,
    context: ['ip', 'ipv6', 'address', 'host', 'adresse', 'dirección'],
  },
  {
    name: 'date-of-birth',
    dataClass: 'pii.dob',
    score: 0.6,
    prefilter: familyPrefilter(BIRTH_FAMILY),
    find: findDatesOfBirth,
    requireContext: true,
    contextWindow: 40,
    context: [
      'born',
      'birth',
      'birthday',
      'date of birth',
      'dob',
      'd.o.b',
      'geboren',
      'geburtsdatum',
      'geburtstag',
      'geb.',
      'né',
      'née',
      'naissance',
      'date de naissance',
      'anniversaire',
      'nacido',
      'nacida',
      'nacimiento',
      'fecha de nacimiento',
      'cumpleaños',
    ],
    contextBoost: 0.3,
  },
  {
    name: 'street-address',
    dataClass: 'pii.address',
    score: 0.6,
    find: findAddresses,
    validate: (value) => /\d/.test(value),
    context: [
      'address',
      'lives at',
      'live at',
      'ship to',
      'deliver to',
      'located at',
      'adresse',
      'anschrift',
      'wohnhaft',
      'wohnt',
      'domicile',
      'habite',
      'dirección',
      'domicilio',
      'vive en',
    ],
    contextBoost: 0.25,
  },
  {
    name: 'person-name',
    dataClass: 'pii.name',
    score: 0.65,
    prefilter: mayHaveNames,
    find: findNames,
    // A FULL_NAME match separates its words by spaces and tabs only.
    validate: (value) => !NOT_NAMES.has(firstWord(value)),
  },
];
