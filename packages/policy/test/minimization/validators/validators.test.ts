import { describe, expect, it } from 'vitest';
import {
  cardBrand,
  charClassCount,
  IBAN_LENGTHS,
  ibanCheck,
  ibanCheckDigits,
  jwtCheck,
  looksRandom,
  luhnCheck,
  shannonEntropy,
  ssnCheck,
} from '../../../src/minimization/index.js';
import { ssnCheckAt } from '../../../src/minimization/validators/us-ssn.js';

describe('luhnCheck / cardBrand', () => {
  it.each([
    ['4111111111111111', true, 'visa'],
    ['4012888888881881', true, 'visa'],
    ['5555555555554444', true, 'mastercard'],
    ['2223003122003222', true, 'mastercard'],
    ['378282246310005', true, 'amex'],
    ['6011111111111117', true, 'discover'],
    ['3530111333300000', true, 'jcb'],
    ['30569309025904', true, 'diners'],
    ['6200000000000005', true, 'unionpay'],
    ['4111111111111112', false, 'visa'],
    ['1234567812345670', true, undefined],
  ])('%s → luhn %s, brand %s', (digits, luhn, brand) => {
    expect(luhnCheck(digits)).toBe(luhn);
    expect(cardBrand(digits)).toBe(brand);
  });

  it('rejects non-digits and empty input', () => {
    expect(luhnCheck('4111-1111')).toBe(false);
    expect(luhnCheck('')).toBe(false);
  });
});

describe('ibanCheck', () => {
  it.each([
    'DE89370400440532013000',
    'GB82WEST12345698765432',
    'FR1420041010050500013M02606',
    'ES9121000418450200051332',
    'NL91ABNA0417164300',
    'CH9300762011623852957',
    'NO9386011117947',
    'SA0380000000608010167519',
    'BR1800360305000010009795493C1',
  ])('accepts the registry example %s', (iban) => {
    expect(ibanCheck(iban)).toBe(true);
  });

  it.each([
    'DE89370400440532013001',
    'DE8937040044053201300',
    'XX89370400440532013000',
    'DEAA370400440532013000',
  ])('rejects %s', (iban) => expect(ibanCheck(iban)).toBe(false));

  it('computes check digits that validate for every country in the table', () => {
    for (const [country, length] of Object.entries(IBAN_LENGTHS)) {
      const bban = '1'.repeat(length - 4);
      expect(ibanCheck(`${country}${ibanCheckDigits(country, bban)}${bban}`), country).toBe(true);
    }
  });
});

describe('ssnCheck', () => {
  it.each([
    ['123', '45', '6789', true],
    ['000', '45', '6789', false],
    ['666', '45', '6789', false],
    ['900', '45', '6789', false],
    ['999', '45', '6789', false],
    ['123', '00', '6789', false],
    ['123', '45', '0000', false],
    ['899', '99', '9999', true],
  ])('%s-%s-%s → %s', (area, group, serial, valid) => {
    expect(ssnCheck(area, group, serial)).toBe(valid);
    // The in-place form reads the same digits out of a text (dashed and bare).
    expect(ssnCheckAt(`x ${area}-${group}-${serial}`, 2, 6, 9)).toBe(valid);
    expect(ssnCheckAt(`${area}${group}${serial}`, 0, 3, 5)).toBe(valid);
  });
});

describe('jwtCheck', () => {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  it('accepts a JWS with an alg header, including alg none with an empty signature', () => {
    expect(jwtCheck(`${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: '1' })}.c2lnbmF0dXJl`)).toBe(true);
    expect(jwtCheck(`${b64({ alg: 'none' })}.${b64({ sub: '1' })}.`)).toBe(true);
  });
  it('rejects a header that is not JSON or has no alg', () => {
    expect(jwtCheck(`${b64({ typ: 'JWT' })}.${b64({ sub: '1' })}.sig`)).toBe(false);
    expect(jwtCheck('eyJub3QganNvbg.eyJzdWIiOiIxIn0.sig')).toBe(false);
    expect(jwtCheck('abc.def')).toBe(false);
  });
});

describe('entropy', () => {
  it('measures bits per character and character classes', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
    expect(charClassCount('aA1-')).toBe(4);
    expect(looksRandom('f3a9c2e71b8d4f6a9e0c5b7d2a1f8e3c')).toBe(true);
    expect(looksRandom('passwordpassword')).toBe(false);
    expect(looksRandom('short1A')).toBe(false);
  });
});
