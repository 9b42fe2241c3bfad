import { describe, expect, it } from 'vitest';
import { KnownValues } from '../../src/minimization/known-values.js';

describe('KnownValues', () => {
  it('matches known values as whole tokens, longest first', () => {
    const known = new KnownValues();
    known.add('Okafor', 'pii.name');
    known.add('Miriam Okafor', 'pii.name');
    known.add('Ann', 'pii.name');
    const text = 'Miriam Okafor met Okafor; Annual report by Ann. Okafors?';
    expect(known.occurrences(text).map((o) => text.slice(o.start, o.end))).toEqual([
      'Miriam Okafor',
      'Okafor',
      'Ann',
    ]);
  });

  it('finds the JSON-escaped form of a value, also right after an escape', () => {
    const known = new KnownValues();
    const key = '-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----';
    known.add(key, 'secret.private_key');
    known.add('ann@example.com', 'pii.email');
    const wire = JSON.stringify({ text: `key:\n${key}\nann@example.com` });
    expect(known.occurrences(wire).map((o) => o.dataClass)).toEqual(['secret.private_key', 'pii.email']);
    expect(known.occurrences(wire)[0]!.value).toBe(key);
  });

  it('ignores values shorter than three characters and bumps its generation on each new value', () => {
    const known = new KnownValues();
    expect(known.add('Li', 'pii.name')).toBe(false);
    const before = known.generation;
    expect(known.add('Lee', 'pii.name')).toBe(true);
    expect(known.add('Lee', 'pii.name')).toBe(false);
    expect(known.generation).toBe(before + 1);
    known.clear();
    expect(known.occurrences('Lee')).toEqual([]);
  });
});
