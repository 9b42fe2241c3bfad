import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KnownValues, StringMap } from '../../src/minimization/known-values.js';
import { joinsAfter, joinsBefore } from '../../src/minimization/recognizers/text-boundary.js';

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

/** The matching rule written out position by position: the reference the table-driven scan must agree with. */
function naiveOccurrences(
  forms: readonly { form: string; value: string; dataClass: string }[],
  text: string,
): { start: number; end: number; value: string; dataClass: string }[] {
  const longestFirst = [...forms].sort((a, b) => b.form.length - a.form.length);
  const out: { start: number; end: number; value: string; dataClass: string }[] = [];
  for (let i = 0; i < text.length; i++) {
    if (joinsBefore(text, i)) continue;
    const hit = longestFirst.find((f) => text.startsWith(f.form, i) && !joinsAfter(text, i + f.form.length));
    if (hit === undefined) continue;
    out.push({ start: i, end: i + hit.form.length, value: hit.value, dataClass: hit.dataClass });
    i += hit.form.length - 1;
  }
  return out;
}

describe('KnownValues scan', () => {
  // Few distinct characters, so values overlap, repeat, nest and sit next to word characters.
  const unit = fc.constantFrom(
    'a',
    'b',
    'A',
    '1',
    ' ',
    '-',
    '.',
    '"',
    '\\',
    '\n',
    '\t',
    '\ud83d',
    'é',
    '_',
    '@',
  );
  const word = fc.array(unit, { minLength: 1, maxLength: 12 }).map((units) => units.join(''));

  it('finds exactly what a position-by-position scan finds, raw and JSON-escaped', () => {
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 8 }),
        fc.array(word, { maxLength: 30 }),
        (values, filler) => {
          const known = new KnownValues();
          const forms: { form: string; value: string; dataClass: string }[] = [];
          const seen = new Set<string>();
          values.forEach((value, i) => {
            const dataClass = `pii.c${i}`;
            if (!known.add(value, dataClass)) return;
            forms.push({ form: value, value, dataClass });
            seen.add(value);
            const escaped = JSON.stringify(value).slice(1, -1);
            if (escaped !== value && !seen.has(escaped)) {
              forms.push({ form: escaped, value, dataClass });
              seen.add(escaped);
            }
          });
          const text = filler.map((f, i) => `${f}${values[i % values.length]}`).join('');
          for (const subject of [text, JSON.stringify(text)]) {
            const all = naiveOccurrences(forms, subject);
            expect(known.occurrences(subject)).toEqual(all);
            // Spans to leave out (findings), some overlapping occurrences and some not.
            const skip: { start: number; end: number }[] = [];
            for (let at = 1; at + 2 < subject.length; at += 9) skip.push({ start: at, end: at + 3 });
            expect(known.occurrences(subject, skip)).toEqual(
              all.filter((o) => !skip.some((span) => o.start < span.end && span.start < o.end)),
            );
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('keeps matching after values shorter than the scan window are added and after clear()', () => {
    const known = new KnownValues();
    known.add('Margarethe Okafor', 'pii.name');
    expect(known.occurrences('to Margarethe Okafor, re Bob')).toHaveLength(1);
    known.add('Bob', 'pii.name');
    expect(known.occurrences('to Margarethe Okafor, re Bob').map((o) => o.value)).toEqual([
      'Margarethe Okafor',
      'Bob',
    ]);
    known.clear();
    expect(known.occurrences('to Margarethe Okafor, re Bob')).toEqual([]);
    known.add('Okafor', 'pii.name');
    expect(known.occurrences('to Margarethe Okafor, re Bob').map((o) => o.start)).toEqual([14]);
  });
});

describe('StringMap', () => {
  it('keeps short and long keys apart from look-alikes of the same length and samples', () => {
    const map = new StringMap<string>();
    const key = `-----BEGIN PRIVATE KEY-----\n${'A'.repeat(40)}\n-----END PRIVATE KEY-----`;
    // Same length, same first two, middle and last code units: the same bucket, another key.
    const twin = `${key.slice(0, 10)}x${key.slice(11)}`;
    map.set(key, 'secret.private_key');
    map.set('ann@example.com', 'pii.email');
    expect(map.get(key)).toBe('secret.private_key');
    expect(map.get(key.slice(0) + '')).toBe('secret.private_key');
    expect(map.has(twin)).toBe(false);
    map.set(twin, 'secret.token');
    map.set(key, 'secret.private_key');
    expect([map.get(twin), map.get(key), map.get('ann@example.com'), map.size]).toEqual([
      'secret.token',
      'secret.private_key',
      'pii.email',
      3,
    ]);
    map.clear();
    expect([map.has(key), map.has('ann@example.com'), map.size]).toEqual([false, false, 0]);
  });
});

describe('KnownValues.register', () => {
  it('reports each detected value once, short ones included, without matching those', () => {
    const known = new KnownValues();
    expect([known.register('Lee', 'pii.name'), known.register('Lee', 'pii.name')]).toEqual([true, false]);
    expect([known.register('Li', 'pii.name'), known.register('Li', 'pii.name')]).toEqual([true, false]);
    expect(known.occurrences('Li and Lee').map((o) => o.value)).toEqual(['Lee']);
    known.clear();
    expect(known.register('Li', 'pii.name')).toBe(true);
  });

  it('counts a value equal to an earlier value’s JSON-escaped form once, still matching it as the earlier value', () => {
    const known = new KnownValues();
    const quoted = 'pass "hunter2" word';
    const escaped = JSON.stringify(quoted).slice(1, -1);
    expect(known.register(quoted, 'secret.password')).toBe(true);
    const generation = known.generation;
    expect(known.register(escaped, 'secret.token')).toBe(true);
    expect(known.register(escaped, 'secret.token')).toBe(false);
    expect(known.generation).toBe(generation);
    expect(known.occurrences(`x ${escaped} y`)).toEqual([
      { start: 2, end: 2 + escaped.length, value: quoted, dataClass: 'secret.password' },
    ]);
  });
});

describe('StringMap buckets', () => {
  it('keeps every long key apart when more share a fingerprint than a bucket holds', () => {
    const map = new StringMap<number>();
    // Same length and same sampled code units (ends, quarters, middle): one fingerprint.
    const keys = Array.from(
      { length: 12 },
      (_, i) => `${'x'.repeat(5)}${String.fromCharCode(65 + i)}${'x'.repeat(58)}`,
    );
    keys.forEach((key, i) => {
      map.set(key, i);
    });
    expect(keys.map((key) => map.get(key))).toEqual(keys.map((_, i) => i));
    expect(map.size).toBe(12);
    map.set(keys[11]!, 110);
    map.set(keys[1]!, 10);
    expect([map.get(keys[11]!), map.get(keys[1]!), map.size]).toEqual([110, 10, 12]);
    expect(map.get(`${'x'.repeat(5)}9${'x'.repeat(58)}`)).toBeUndefined();
    // Keys that spilled over stay reachable as the map grows.
    for (let i = 0; i < 100; i++) map.set(`key number ${i}`, 1000 + i);
    expect(keys.map((key) => map.get(key))).toEqual([0, 10, ...keys.slice(2, 11).map((_, i) => i + 2), 110]);
    expect([map.get('key number 99'), map.size]).toEqual([1099, 112]);
    map.clear();
    expect([map.get(keys[6]!), map.get('key number 1'), map.size]).toEqual([undefined, undefined, 0]);
  });

  it('answers like a Map for any sequence of sets and gets', () => {
    const key = fc
      .tuple(
        fc.constantFrom(1, 2, 3, 8, 9, 31, 32, 40),
        fc.array(fc.constantFrom('a', 'b', 'é'), { maxLength: 3 }),
      )
      .map(([length, marks]) => {
        const units = Array.from({ length }, () => 'a');
        marks.forEach((mark, i) => {
          if (length > 0) units[(i * 7) % length] = mark;
        });
        return units.join('');
      });
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.integer(), fc.boolean()), { maxLength: 200 }), (ops) => {
        const map = new StringMap<number>();
        const reference = new Map<string, number>();
        for (const [k, v, isSet] of ops) {
          if (isSet) {
            map.set(k, v);
            reference.set(k, v);
          } else expect(map.get(k)).toBe(reference.get(k));
        }
        expect(map.size).toBe(reference.size);
        for (const [k, v] of reference) expect(map.get(k)).toBe(v);
      }),
      { numRuns: 300 },
    );
  });
});
