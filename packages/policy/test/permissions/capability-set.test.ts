import { ValidationError } from '@baton/core/contracts';
import { describe, expect, it } from 'vitest';
import { attenuate, CapabilitySet } from '../../src/permissions/index.js';

describe('CapabilitySet', () => {
  it('is immutable and deduplicates', () => {
    const set = CapabilitySet.of(['crm:read', 'crm:read', 'email:send']);
    expect(set.toArray()).toEqual(['crm:read', 'email:send']);
    expect(set.size).toBe(2);
    expect(Object.isFrozen(set)).toBe(true);
    expect(Object.isFrozen(set.toArray())).toBe(true);
    expect(() => (set.toArray() as string[]).push('*:*')).toThrow(TypeError);
    expect(set.includes('*:*')).toBe(false);
    expect(JSON.stringify(set)).toBe('["crm:read","email:send"]');
    expect([...set]).toEqual(['crm:read', 'email:send']);
  });

  it('offers no widening operation', () => {
    const proto = Object.getOwnPropertyNames(CapabilitySet.prototype);
    for (const name of ['union', 'add', 'merge', 'widen', 'concat', 'push'])
      expect(proto).not.toContain(name);
  });

  it('includes checks untrusted requests with normalization', () => {
    const set = CapabilitySet.of(['fs:write:/reports/**', 'crm:read']);
    expect(set.includes('fs:write:/reports/q3.txt')).toBe(true);
    expect(set.includes('fs:write:/reports/%2e%2e/etc/passwd')).toBe(false);
    expect(set.check('fs:write:/reports/../etc/passwd')).toEqual({
      allowed: false,
      reason: 'no grant covers fs:write:/etc/passwd',
      normalized: 'fs:write:/etc/passwd',
    });
    expect(set.includes('crm:read')).toBe(true);
    expect(set.has('crm:read')).toBe(true);
    expect(set.has('crm:read:x')).toBe(false);
    expect(set.grantFor('fs:write:/reports/a/../b.md')).toBe('fs:write:/reports/**');
    expect(set.grantFor('fs:write:/etc/passwd')).toBeUndefined();
    expect(set.grantFor('NOT A CAPABILITY')).toBeUndefined();
  });

  it('contains compares patterns', () => {
    const set = CapabilitySet.of(['fs:*:/reports/**', 'crm:read']);
    expect(set.contains('fs:write:/reports/2024/*.csv')).toBe(true);
    expect(set.contains('fs:write:/reports')).toBe(true);
    expect(set.contains('fs:write:/**')).toBe(false);
    expect(set.contains('fs:write')).toBe(false);
    expect(set.contains('crm:read:/anything/**')).toBe(true);
    expect(set.contains('crm:*')).toBe(false);
  });

  it.each([
    [['fs:write:/reports/**'], ['fs:write:/reports/2024/*'], ['fs:write:/reports/2024/*']],
    [['fs:write:/reports/2024/*'], ['fs:write:/reports/**'], ['fs:write:/reports/2024/*']],
    [['fs:*:/reports/**'], ['fs:write:/**/*.txt'], ['fs:write:/reports/**/*.txt']],
    [['fs:read:/a/**'], ['fs:read:/**/b'], ['fs:read:/a/**/b']],
    [['fs:read:/x/a*'], ['fs:read:/x/*b'], ['fs:read:/x/a*b']],
    [['crm:read'], ['crm:*:team/*'], ['crm:read:team/*']],
    [['*:read'], ['crm:*'], ['crm:read']],
    [['crm:read'], ['email:send'], []],
    [['fs:read:/a/**'], ['fs:read:a/**'], []],
    [['fs:read:/a/*'], ['fs:read:/b/*'], []],
    [['crm:read', 'email:send'], undefined, ['crm:read', 'email:send']],
    [['crm:read', 'email:send'], [], []],
    [['crm:read'], ['crm:read', 'email:send', 'fs:write'], ['crm:read']],
  ])('attenuate(%j, %j) = %j', (parent, requested, expected) => {
    expect(attenuate(parent, requested).toArray()).toEqual(expected);
  });

  it('intersect never produces a grant that could not be written (no `..`, no `.` segment)', () => {
    // Both leave exactly "starts and ends with a dot, two characters or more": `.` alone is not
    // written as a grant (it never matches a normalized segment) and `..` would be invalid.
    for (const parent of ['fs:read:/x/.*', 'fs:read:/x/.*.*']) {
      const result = attenuate([parent], ['fs:read:/x/*.']);
      expect(result.toArray()).toEqual(['fs:read:/x/.*.']);
      expect(CapabilitySet.of([...result]).toArray()).toEqual(result.toArray());
    }
  });

  it('intersect drops grants another result grant already contains', () => {
    const result = CapabilitySet.of(['fs:read:/**', 'fs:read:/reports/**']).intersect([
      'fs:read:/reports/a/*',
    ]);
    expect(result.toArray()).toEqual(['fs:read:/reports/a/*']);
  });

  it('difference returns what the other set does not contain', () => {
    const parent = CapabilitySet.of(['crm:read', 'fs:write:/reports/**', 'email:send']);
    expect(parent.difference(['crm:*', 'fs:write:/reports/2024/*']).toArray()).toEqual([
      'fs:write:/reports/**',
      'email:send',
    ]);
    expect(parent.difference(['*:*']).size).toBe(0);
    expect(parent.difference([])).toBe(parent);
    expect(parent.containsAll(['crm:read:x', 'fs:write:/reports/a'])).toBe(true);
    expect(parent.containsAll(['crm:write'])).toBe(false);
  });

  it('rejects invalid grants with ValidationError', () => {
    expect(() => CapabilitySet.of(['crm:read', 'fs:read:/a/../b'])).toThrow(ValidationError);
    expect(() => CapabilitySet.of(['fs:read:/a%2fb'])).toThrow(/contains '%'/);
  });
});

describe('CapabilitySet.of input checks', () => {
  it('rejects a bare string (which would iterate characters)', () => {
    expect(() => CapabilitySet.of('crm:read' as unknown as string[])).toThrow(
      /expected a list of capabilities/,
    );
  });
});
