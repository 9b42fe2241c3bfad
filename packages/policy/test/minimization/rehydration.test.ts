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
