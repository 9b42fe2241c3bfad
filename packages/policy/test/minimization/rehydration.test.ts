import { describe, expect, it } from 'vitest';
import {
  createDetector,
  createRehydrationStream,
  PseudonymVault,
  rehydrateText,
  rehydrateValue,
} from '../../src/minimization/index.js';

function vaultWith(text: string): { vault: PseudonymVault; minimized: string } {
  const vault = new PseudonymVault();
  return { vault, minimized: createDetector().redact(text, { vault }).text };
}

describe('rehydrateText / rehydrateValue', () => {
  const { vault, minimized } = vaultWith('mail ann@example.com, card 4111 1111 1111 1111');

  it('restores allowed classes and counts what it restored and withheld', () => {
    expect(minimized).toBe('mail <EMAIL_1>, card <CREDIT_CARD_1>');
    const counts = { restored: {}, withheld: {} };
    const out = rehydrateText(minimized, vault, (c) => c === 'pii.email', counts);
    expect(out).toBe('mail ann@example.com, card <CREDIT_CARD_1>');
    expect(counts).toEqual({ restored: { 'pii.email': 1 }, withheld: { 'pii.card': 1 } });
  });

  it('leaves unknown placeholders as written', () => {
    expect(rehydrateText('<EMAIL_9> <NOT A PLACEHOLDER>', vault, () => true)).toBe(
      '<EMAIL_9> <NOT A PLACEHOLDER>',
    );
  });

  it('walks JSON values and returns the same object when nothing changed', () => {
    const input = { to: ['<EMAIL_1>'], meta: { n: 1, note: 'plain' } };
    expect(rehydrateValue(input, vault, () => true)).toEqual({
      to: ['ann@example.com'],
      meta: { n: 1, note: 'plain' },
    });
    const untouched = { a: 'plain', b: [1, 2] };
    expect(rehydrateValue(untouched, vault, () => true)).toBe(untouched);
  });
});

describe('createRehydrationStream', () => {
  const { vault, minimized } = vaultWith(
    'Reply to ann@example.com and bob@example.org, IBAN DE89 3704 0044 0532 0130 00.',
  );
  const expected = 'Reply to ann@example.com and bob@example.org, IBAN DE89 3704 0044 0532 0130 00.';

  it('rehydrates placeholders split at every possible position', () => {
    expect(minimized).toBe('Reply to <EMAIL_1> and <EMAIL_2>, IBAN <IBAN_1>.');
    for (let a = 0; a <= minimized.length; a++) {
      for (let b = a; b <= minimized.length; b += 3) {
        const stream = createRehydrationStream(vault, () => true);
        const out =
          stream.push(minimized.slice(0, a)) +
          stream.push(minimized.slice(a, b)) +
          stream.push(minimized.slice(b)) +
          stream.flush();
        expect(out, `split at ${a}/${b}`).toBe(expected);
      }
    }
  });

  it('streams character by character and releases a dangling "<" at flush', () => {
    const stream = createRehydrationStream(vault, () => true);
    let out = '';
    for (const ch of `${minimized} 3 <4 and <EMAIL`) out += stream.push(ch);
    out += stream.flush();
    expect(out).toBe(`${expected} 3 <4 and <EMAIL`);
  });

  it('does not hold text that cannot be a placeholder', () => {
    const stream = createRehydrationStream(vault, () => true);
    expect(stream.push('a < b')).toBe('a < b');
    expect(stream.push('x <ab')).toBe('x <ab');
    expect(stream.push('<EMA')).toBe('');
    expect(stream.push('IL_1> ok')).toBe('<EMAIL_1> ok'.replace('<EMAIL_1>', 'ann@example.com'));
  });
});

describe('PseudonymVault', () => {
  it('gives one placeholder per identity: separators and case ignored, also in two-byte text', () => {
    const vault = new PseudonymVault();
    // Slices of a text holding a non-ASCII character are two-byte strings.
    const twoByte = (value: string) => `é${value}`.slice(1);
    const card = vault.placeholderFor('4111 1111 1111 1111', 'pii.card', 'CREDIT_CARD');
    expect(vault.placeholderFor(twoByte('4111-1111-1111-1111'), 'pii.card', 'CREDIT_CARD')).toBe(card);
    expect(vault.placeholderFor('4111111111111111', 'pii.card', 'CREDIT_CARD')).toBe(card);
    const iban = vault.placeholderFor('de89 3704 0044 0532 0130 00', 'pii.iban', 'IBAN');
    expect(vault.placeholderFor(twoByte('DE89370400440532013000'), 'pii.iban', 'IBAN')).toBe(iban);
    const phone = vault.placeholderFor('+1 (555) 010-2030', 'pii.phone', 'PHONE');
    expect(vault.placeholderFor('+1\u00a0555\u00a0010\u00a02030', 'pii.phone', 'PHONE')).toBe(phone);
    const email = vault.placeholderFor('Ann@Example.com', 'pii.email', 'EMAIL');
    expect(vault.placeholderFor(twoByte('ann@example.com'), 'pii.email', 'EMAIL')).toBe(email);
    expect(vault.placeholderFor('ANN@EXAMPLE.COM', 'pii.email', 'EMAIL')).toBe(email);
    // Other classes keep case.
    expect(vault.placeholderFor('Okafor', 'pii.name', 'PERSON')).not.toBe(
      vault.placeholderFor('OKAFOR', 'pii.name', 'PERSON'),
    );
    expect([card, iban, phone, email]).toEqual(['<CREDIT_CARD_1>', '<IBAN_1>', '<PHONE_1>', '<EMAIL_1>']);
    expect(vault.size).toBe(6);
  });

  it('looks up placeholders created before and after the first lookup, in creation order', () => {
    const vault = new PseudonymVault();
    const first = vault.placeholderFor('ann@example.com', 'pii.email', 'EMAIL');
    expect(vault.lookup(first)).toEqual({ value: 'ann@example.com', dataClass: 'pii.email' });
    const second = vault.placeholderFor('bob@example.org', 'pii.email', 'EMAIL');
    const key = `-----BEGIN PRIVATE KEY-----\n${'Q'.repeat(64)}\n-----END PRIVATE KEY-----`;
    const third = vault.placeholderFor(key, 'secret.private_key', 'PRIVATE_KEY');
    expect(vault.placeholderFor(`${key}`, 'secret.private_key', 'PRIVATE_KEY')).toBe(third);
    expect(vault.lookup(second)?.value).toBe('bob@example.org');
    expect(vault.lookup(third)?.value).toBe(key);
    expect(vault.lookup('<EMAIL_3>')).toBeUndefined();
    expect([...vault.entries()].map(([placeholder]) => placeholder)).toEqual([
      '<EMAIL_1>',
      '<EMAIL_2>',
      '<PRIVATE_KEY_1>',
    ]);
    vault.clear();
    expect([vault.size, vault.lookup(first)]).toEqual([0, undefined]);
    expect(vault.placeholderFor('bob@example.org', 'pii.email', 'EMAIL')).toBe('<EMAIL_1>');
  });
});
