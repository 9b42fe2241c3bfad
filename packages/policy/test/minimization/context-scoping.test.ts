import { ValidationError } from '@baton/core/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  canReadDataClass,
  dataReadCapabilities,
  projectToolOutput,
  purgeExpired,
  retentionTtl,
} from '../../src/minimization/index.js';

describe('projectToolOutput', () => {
  const output = {
    total: 2,
    items: [
      { id: 1, title: 'A', owner: { email: 'a@x.io', name: 'Ann' } },
      { id: 2, title: 'B', owner: { email: 'b@x.io', name: 'Bob' } },
    ],
    debug: { token: 'secret' },
  };

  it.each([
    [['$.items[*].title'], { items: [{ title: 'A' }, { title: 'B' }] }],
    [['$.total', '$.items[*].id'], { total: 2, items: [{ id: 1 }, { id: 2 }] }],
    [['$.items[1].owner.name'], { items: [{ owner: { name: 'Bob' } }] }],
    [
      ["$['items'][*]['title']", '$.items[*].owner.name'],
      {
        items: [
          { title: 'A', owner: { name: 'Ann' } },
          { title: 'B', owner: { name: 'Bob' } },
        ],
      },
    ],
    [['$.debug.*'], { debug: { token: 'secret' } }],
    [['$.missing'], {}],
    [['$'], output],
  ])('keeps only %j', (paths, expected) => {
    expect(projectToolOutput(output, paths)).toEqual(expected);
  });

  it('strips undeclared keys with a zod schema', () => {
    const schema = z.object({ items: z.array(z.object({ title: z.string() })) });
    expect(projectToolOutput(output, schema)).toEqual({ items: [{ title: 'A' }, { title: 'B' }] });
  });

  it('throws a ValidationError on a schema mismatch or an unsupported path', () => {
    expect(() => projectToolOutput({ items: 'no' }, z.object({ items: z.array(z.string()) }))).toThrow(
      ValidationError,
    );
    expect(() => projectToolOutput(output, ['items.title'])).toThrow(/must start with '\$'/);
    expect(() => projectToolOutput(output, ['$..title'])).toThrow(/not supported/);
  });
});

describe('data capabilities', () => {
  it('lists the capabilities that cover a class, most specific first', () => {
    expect(dataReadCapabilities('pii.email')).toEqual(['data:pii.email:read', 'data:pii:read']);
  });

  it.each([
    [['data:pii:read'], 'pii.email', true],
    [['data:pii.email:read'], 'pii.email', true],
    [['data:pii.email:read'], 'pii.phone', false],
    [['data:*:read'], 'secret.jwt', true],
    [['data:*'], 'pii.card', true],
    [['*:*'], 'pii.card', true],
    [['data:pii:*'], 'pii.card', true],
    [['data:pii:write'], 'pii.card', false],
    [['data:secret:read'], 'pii.card', false],
    [['notes:read'], 'pii.email', false],
    [[], 'pii.email', false],
  ])('%j may read %s: %s', (held, dataClass, allowed) => {
    expect(canReadDataClass(held, dataClass)).toBe(allowed);
  });

  it('asks a permission gate when one is given', () => {
    const asked: string[] = [];
    const gate = {
      check: (_held: readonly string[], required: readonly string[]) => {
        asked.push(...required);
        return { allowed: required[0] === 'data:pii:read', reason: 'test' };
      },
    };
    expect(canReadDataClass([], 'pii.email', gate)).toBe(true);
    expect(asked).toEqual(['data:pii.email:read', 'data:pii:read']);
  });
});

describe('retention', () => {
  it('takes the shortest TTL of the classes a record holds', () => {
    const day = 86_400_000;
    expect(retentionTtl([])).toBe(30 * day);
    expect(retentionTtl(['pii.email'])).toBe(7 * day);
    expect(retentionTtl(['pii.email', 'pii.card'])).toBe(day);
    expect(retentionTtl(['secret.jwt'])).toBe(0);
    expect(retentionTtl(['custom.thing'])).toBe(30 * day);
    expect(retentionTtl(['pii.email'], { default: 5, 'pii.email': 3 })).toBe(3);
  });

  it('splits records into kept and expired at a given time', () => {
    const records = [
      { id: 'a', storedAt: 0, ttlMs: 10 },
      { id: 'b', storedAt: 5, ttlMs: 10 },
      { id: 'c', storedAt: 0 },
      { id: 'd', storedAt: 10, ttlMs: 0 },
    ];
    const { kept, expired } = purgeExpired(records, 10);
    expect(kept.map((r) => r.id)).toEqual(['b', 'c']);
    expect(expired.map((r) => r.id)).toEqual(['a', 'd']);
  });
});
