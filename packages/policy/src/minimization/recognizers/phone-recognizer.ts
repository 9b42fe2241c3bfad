import { type CountryCode, Metadata, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Recognizer, RecognizerMatch } from '../recognizer.js';
import { contextTest, joinsAfter, joinsBefore } from './text-boundary.js';

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
  'contact',
  'reach',
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
const hasPhoneContext = contextTest(PHONE_CONTEXT);

/** Digits with phone punctuation; trimmed and validated by libphonenumber-js, never accepted on shape alone. */
const PHONE_CANDIDATE = /(?:(?:\+|00)[ \t]?)?\(?\d[\d \t()./-]{5,22}\d(?![\w]|[./-]\d)/g;
const US_SHAPE = /^\(\d{3}\)\s?\d{3}[-.\s]\d{4}$/;
const DATE_OR_TIME =
  /^\d{1,3}(?:\.\d{1,3}){3}$|^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$|^\d{1,2}[:.]\d{2}/;

function digitCount(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** Possible national significant number lengths per region, from libphonenumber's metadata. */
function possibleLengths(regions: readonly CountryCode[]): Map<CountryCode, ReadonlySet<number>> {
  const metadata = new Metadata();
  const out = new Map<CountryCode, ReadonlySet<number>>();
  for (const region of regions) {
    metadata.selectNumberingPlan(region);
    out.set(region, new Set(metadata.numberingPlan?.possibleLengths() ?? []));
  }
  return out;
}

function validPhone(
  candidate: string,
  regions: readonly CountryCode[],
  lengths: Map<CountryCode, ReadonlySet<number>>,
): boolean {
  const compact = candidate.startsWith('00') ? `+${candidate.slice(2)}` : candidate;
  try {
    if (compact.startsWith('+'))
      return parsePhoneNumberFromString(compact, { extract: false })?.isValid() === true;
    // Parsing costs tens of µs per region: only regions whose number lengths fit are asked.
    const digits = digitCount(compact);
    const trunk =
      compact.replace(/^\D+/, '').charCodeAt(0) === 48 || compact.replace(/^\D+/, '').charCodeAt(0) === 49;
    for (const region of regions) {
      const fit = lengths.get(region);
      if (fit && !fit.has(digits) && !(trunk && fit.has(digits - 1))) continue;
      if (parsePhoneNumberFromString(compact, { defaultCountry: region, extract: false })?.isValid() === true)
        return true;
    }
  } catch {
    return false;
  }
  return false;
}

/** Phone numbers: international (`+`/`00`) on validity alone; national forms need a context word or the `(415) 555-2671` shape. */
export function phoneRecognizer(regions: readonly CountryCode[] = DEFAULT_PHONE_REGIONS): Recognizer {
  const lengths = possibleLengths(regions);
  function* find(text: string): Iterable<RecognizerMatch> {
    PHONE_CANDIDATE.lastIndex = 0;
    for (let m = PHONE_CANDIDATE.exec(text); m !== null; m = PHONE_CANDIDATE.exec(text)) {
      let value = m[0];
      let start = m.index;
      const prev = text.charCodeAt(start - 1);
      if (
        joinsBefore(text, start) ||
        prev === 43 ||
        prev === 46 ||
        prev === 47 ||
        prev === 45 ||
        joinsAfter(text, start + value.length)
      )
        continue;
      const lead = value.length - value.trimStart().length;
      start += lead;
      value = value.trim();
      if (DATE_OR_TIME.test(value)) continue;
      const international = value.startsWith('+') || value.startsWith('00');
      let context: boolean | undefined;
      // A bare digit run (no separators) is an id as often as a phone: its context word must be close.
      const window = /^\d+$/.test(value) ? 24 : 48;
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
          if ((international || shaped || hasContext()) && validPhone(candidate, regions, lengths)) {
            yield { start, end: start + candidate.length, score: international || shaped ? 0.8 : 0.65 };
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
  }
  return {
    name: 'phone',
    dataClass: 'pii.phone',
    score: 0.7,
    find,
    context: PHONE_CONTEXT,
    contextBoost: 0.15,
  };
}
