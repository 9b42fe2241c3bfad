import { type CountryCode, Metadata } from 'libphonenumber-js/max';
import type { Recognizer, RecognizerMatch } from '../recognizer.js';
import {
  contextTest,
  isWordCode,
  joinsAfter,
  joinsBefore,
  lowerOf,
  scannedContext,
} from './text-boundary.js';
import {
  DIGIT_SETS,
  digitRunsOf,
  isDigitCode,
  longestDigitChain,
  scanOf,
  startsBetween,
} from './text-scan.js';

/** Regions tried for numbers written without a country code (national format). */
export const DEFAULT_PHONE_REGIONS: readonly CountryCode[] = [
  'US',
  'GB',
  'DE',
  'FR',
  'ES',
  'IT',
  'NL',
  'CH',
  'AT',
  'BE',
  'CA',
  'AU',
  'IE',
  'PT',
  'SE',
  'DK',
  'NO',
  'FI',
  'PL',
  'BR',
  'MX',
  'IN',
  'JP',
];

const PHONE_CONTEXT = [
  'phone',
  'telephone',
  'tel',
  'tel.',
  'mobile',
  'cell',
  'call',
  'fax',
  'whatsapp',
  'sms',
  'text me',
  'ring',
  'dial',
  'hotline',
  'telefon',
  'handy',
  'mobil',
  'rufnummer',
  'anrufen',
  'ruf',
  'erreichbar',
  'téléphone',
  'tél',
  'tél.',
  'portable',
  'appeler',
  'appelez',
  'joindre',
  'teléfono',
  'telefono',
  'móvil',
  'movil',
  'celular',
  'llamar',
  'llame',
  'llámame',
  'cellulare',
  'chiama',
  'chiamami',
  'chiamare',
  'telefoon',
  'mobiel',
  'bel',
  'bellen',
];
/** Every place a phone context word starts; context tests read these instead of a regex per window. */
const PHONE_CONTEXT_FAMILY = scannedContext(PHONE_CONTEXT);
const hasPhoneContext = contextTest(PHONE_CONTEXT);

/** Whether a `+`, a `(` or `00` occurs in the run (where an international or `(415)` number could start). */
function mayStartInternational(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 43 || c === 40 || (c === 48 && text.charCodeAt(i + 1) === 48)) return true;
  }
  return false;
}

/** `[\d \t()./-]` */
function isBodyCode(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || c === 32 || c === 9 || c === 40 || c === 41 || c === 46 || c === 47 || c === 45
  );
}

/**
 * End of a match of `\(?\d[\d \t()./-]{5,22}\d(?![\w]|[./-]\d)` at `q`, or -1: the body
 * greedy, then backing off until a digit ends it and the lookahead holds.
 */
function candidateBodyAt(text: string, q: number): number {
  let r = q;
  if (text.charCodeAt(r) === 40) r++;
  if (!isDigitCode(text.charCodeAt(r))) return -1;
  const from = r + 1;
  let length = 0;
  while (length < 23 && isBodyCode(text.charCodeAt(from + length))) length++;
  for (let body = Math.min(22, length - 1); body >= 5; body--) {
    const last = from + body;
    if (!isDigitCode(text.charCodeAt(last))) continue;
    const next = text.charCodeAt(last + 1);
    if (isWordCode(next)) continue;
    if ((next === 46 || next === 47 || next === 45) && isDigitCode(text.charCodeAt(last + 2))) continue;
    return last + 1;
  }
  return -1;
}

/**
 * End of a match of the phone candidate pattern
 * `(?:(?:\+|00)[ \t]?)?\(?\d[\d \t()./-]{5,22}\d(?![\w]|[./-]\d)` at `p`, or -1, trying its
 * options in the regex's order: `+` or `00` with a space or tab, without, then no prefix.
 * Digits with phone punctuation; validated by libphonenumber-js, never accepted on shape alone.
 */
function phoneCandidateAt(text: string, p: number): number {
  const c = text.charCodeAt(p);
  let prefix = 0;
  if (c === 43) prefix = 1;
  else if (c === 48 && text.charCodeAt(p + 1) === 48) prefix = 2;
  if (prefix > 0) {
    const space = text.charCodeAt(p + prefix);
    if (space === 32 || space === 9) {
      const end = candidateBodyAt(text, p + prefix + 1);
      if (end >= 0) return end;
    }
    const end = candidateBodyAt(text, p + prefix);
    if (end >= 0) return end;
  }
  return candidateBodyAt(text, p);
}

const US_SHAPE = /^\(\d{3}\)\s?\d{3}[-.\s]\d{4}$/;
const DATE_OR_TIME =
  /^\d{1,3}(?:\.\d{1,3}){3}$|^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$|^\d{1,2}[:.]\d{2}/;

/** `/^\d+$/` */
function onlyDigits(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return value.length > 0;
}

function digitCount(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

interface NumberingPlan {
  lengths: ReadonlySet<number>;
  /** The region's whole-number pattern (the union of its fixed-line, mobile, … patterns). */
  pattern: RegExp;
  nationalPrefix: string | undefined;
}

/**
 * Validation against libphonenumber-js's numbering plans (max metadata): the calling code
 * must exist, and the national number must have a possible length and match the region's
 * national number pattern. Same data as `parsePhoneNumber().isValid()`, without its per-call
 * parsing and pattern compilation (tens of µs per number), so it fits the hot path.
 */
class PhoneValidator {
  readonly #metadata = new Metadata();
  readonly #plans = new Map<string, NumberingPlan | null>();

  #plan(country: string): NumberingPlan | null {
    let plan = this.#plans.get(country);
    if (plan !== undefined) return plan;
    plan = null;
    try {
      this.#metadata.selectNumberingPlan(country as CountryCode);
      const numbering = this.#metadata.numberingPlan as
        | (NonNullable<Metadata['numberingPlan']> & {
            nationalNumberPattern(): string;
            nationalPrefix(): string | undefined;
          })
        | undefined;
      if (numbering)
        plan = {
          lengths: new Set(numbering.possibleLengths()),
          pattern: new RegExp(`^(?:${numbering.nationalNumberPattern()})$`),
          nationalPrefix: numbering.nationalPrefix() || undefined,
        };
    } catch {
      plan = null;
    }
    this.#plans.set(country, plan);
    return plan;
  }

  #fits(plan: NumberingPlan | null, national: string): boolean {
    if (plan === null) return false;
    return plan.lengths.has(national.length) && plan.pattern.test(national);
  }

  /** `digits`: calling code + national number, no `+`. */
  international(digits: string): boolean {
    for (let length = 1; length <= 3 && length < digits.length; length++) {
      const countries = (
        this.#metadata as unknown as { getCountryCodesForCallingCode(code: string): string[] | undefined }
      ).getCountryCodesForCallingCode(digits.slice(0, length));
      if (!countries) continue;
      const national = digits.slice(length);
      // Calling codes are prefix-free: the first one that exists is the only candidate.
      return countries.some((country) => country !== '001' && this.#fits(this.#plan(country), national));
    }
    return false;
  }

  /** `digits` as dialled inside one of `regions` (with or without the trunk prefix). */
  national(digits: string, regions: readonly CountryCode[]): boolean {
    for (const region of regions) {
      const plan = this.#plan(region);
      if (plan === null) continue;
      if (this.#fits(plan, digits)) return true;
      if (
        plan.nationalPrefix &&
        digits.startsWith(plan.nationalPrefix) &&
        this.#fits(plan, digits.slice(plan.nationalPrefix.length))
      )
        return true;
    }
    return false;
  }
}

function digitsOf(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) out += value[i];
  }
  return out;
}

function validPhone(candidate: string, regions: readonly CountryCode[], validator: PhoneValidator): boolean {
  const trimmed = candidate.trimStart();
  if (trimmed.startsWith('+')) return validator.international(digitsOf(trimmed));
  if (trimmed.startsWith('00')) return validator.international(digitsOf(trimmed).slice(2));
  return validator.national(digitsOf(trimmed), regions);
}

/** Phone numbers: international (`+`/`00`) on validity alone; national forms need a context word or the `(415) 555-2671` shape. */
export function phoneRecognizer(regions: readonly CountryCode[] = DEFAULT_PHONE_REGIONS): Recognizer {
  const validator = new PhoneValidator();
  function find(text: string, out: RecognizerMatch[]): void {
    // Offsets of the shared lower-cased text are the text's: the scan's context-word starts are where contextTest can match.
    const scan = lowerOf(text).length === text.length ? scanOf(text) : undefined;
    digitRunsOf(text, DIGIT_SETS.phone, 7, (runStart, runEnd) => {
      // National numbers need a context word within 48 characters before them; runs with neither
      // an international or `(` start nor a context word there cannot yield a number.
      if (
        scan !== undefined &&
        !mayStartInternational(text, runStart, runEnd) &&
        !startsBetween(scan, PHONE_CONTEXT_FAMILY.id, runStart - 48, runEnd)
      )
        return;
      // The candidate pattern's global scan over the run: matches start inside it, never overlap.
      for (let start = runStart; start < runEnd; ) {
        const end = phoneCandidateAt(text, start);
        if (end < 0) start++;
        else {
          validateCandidate(text, out, start, end);
          start = end;
        }
      }
    });
  }
  /** Validates one candidate, `text[matchStart, matchEnd)` (`text` and `out` as in `find`). */
  function validateCandidate(
    text: string,
    out: RecognizerMatch[],
    matchStart: number,
    matchEnd: number,
  ): void {
    let start = matchStart;
    const prev = text.charCodeAt(start - 1);
    if (
      joinsBefore(text, start) ||
      prev === 43 ||
      prev === 46 ||
      prev === 47 ||
      prev === 45 ||
      joinsAfter(text, matchEnd)
    )
      return;
    let value = text.slice(matchStart, matchEnd);
    const lead = value.length - value.trimStart().length;
    start += lead;
    value = value.trim();
    if (DATE_OR_TIME.test(value)) return;
    const international = value.startsWith('+') || value.startsWith('00');
    const bare = onlyDigits(value);
    // National numbers need a context word or the (415) 555-2671 shape: skip the rest early.
    if (
      !international &&
      value.charCodeAt(0) !== 40 &&
      !hasPhoneContext(text, start - (bare ? 24 : 48), start)
    )
      return;
    let context: boolean | undefined;
    // A bare digit run (no separators) is an id as often as a phone: its context word must be close.
    const window = bare ? 24 : 48;
    const hasContext = (): boolean => {
      context ??= hasPhoneContext(text, start - window, start);
      return context;
    };
    // Try the whole run, then shorter runs ending at a separator (a trailing year or count).
    let end = value.length;
    while (end > 0) {
      const candidate = value.slice(0, end).replace(/[\s(./-]+$/, '');
      const digits = digitCount(candidate);
      if (digits < 7) break;
      if (digits <= 15) {
        const shaped = US_SHAPE.test(candidate);
        if ((international || shaped || hasContext()) && validPhone(candidate, regions, validator)) {
          out.push({ start, end: start + candidate.length, score: international || shaped ? 0.8 : 0.65 });
          break;
        }
      }
      const cut = Math.max(
        candidate.lastIndexOf(' '),
        candidate.lastIndexOf('-'),
        candidate.lastIndexOf('.'),
        candidate.lastIndexOf('/'),
      );
      if (cut <= 0) break;
      end = cut;
    }
  }
  return {
    name: 'phone',
    dataClass: 'pii.phone',
    score: 0.7,
    prefilter: (text) => longestDigitChain(text) >= 7,
    find,
    context: PHONE_CONTEXT,
    contextBoost: 0.15,
  };
}
