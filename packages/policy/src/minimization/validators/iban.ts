/**
 * IBAN length per country: the SWIFT IBAN registry plus the national IBAN formats in
 * use outside it (Africa, Iran), so "all countries" that issue IBANs are covered.
 * @see https://www.swift.com/standards/data-standards/iban-international-bank-account-number
 */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HN: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
  // National formats outside the registry.
  AO: 25,
  BF: 28,
  BJ: 28,
  CF: 27,
  CG: 27,
  CI: 28,
  CM: 27,
  CV: 25,
  DZ: 26,
  GA: 27,
  GQ: 27,
  GW: 25,
  IR: 26,
  KM: 27,
  MA: 28,
  MG: 27,
  ML: 28,
  MZ: 25,
  NE: 28,
  SN: 28,
  TD: 27,
  TG: 28,
};

/** ISO 7064 mod 97-10 of an IBAN-ordered string (letters count as 10..35). */
export function ibanMod97(compact: string): number {
  // Move the country code and check digits to the end, then reduce digit by digit.
  let remainder = 0;
  const n = compact.length;
  for (let k = 0; k < n; k++) {
    const c = compact.charCodeAt((k + 4) % n);
    if (c >= 48 && c <= 57) remainder = (remainder * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) remainder = (remainder * 100 + (c - 55)) % 97;
    else return -1;
  }
  return remainder;
}

/** Whether `compact` (no spaces, upper case) is a valid IBAN: known country, its length, digits, mod 97 = 1. */
export function ibanCheck(compact: string): boolean {
  const length = IBAN_LENGTHS[compact.slice(0, 2)];
  if (length === undefined || compact.length !== length) return false;
  const c2 = compact.charCodeAt(2);
  const c3 = compact.charCodeAt(3);
  if (c2 < 48 || c2 > 57 || c3 < 48 || c3 > 57) return false;
  return ibanMod97(compact) === 1;
}

/** Check digits that make `country + ?? + bban` a valid IBAN (used by generators and tests). */
export function ibanCheckDigits(country: string, bban: string): string {
  const remainder = ibanMod97(`${country}00${bban}`);
  return String(98 - remainder).padStart(2, '0');
}
