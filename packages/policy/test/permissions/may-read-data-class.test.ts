import { ValidationError } from '@baton/core/contracts';
import { describe, expect, it } from 'vitest';
import { dataClassCapability, mayReadDataClass } from '../../src/permissions/index.js';

describe('mayReadDataClass', () => {
  it.each([
    [['data:pii:read'], 'pii.email', true],
    [['data:pii:read'], 'pii', true],
    [['data:pii:read'], 'secret.api_key', false],
    [['data:pii.email:read'], 'pii.email', true],
    [['data:pii.email:read'], 'pii.phone', false],
    [['data:pii.email:read'], 'pii', false],
    [['data:*:read'], 'secret.jwt', true],
    [['data:pii'], 'pii.card', true],
    [['data:pii:write'], 'pii.card', false],
    [['*:*'], 'pii.ssn', true],
    [['crm:read'], 'pii.email', false],
    [[], 'pii.email', false],
    [['data:pii:read'], 'PII.EMAIL', true],
  ] as const)('%j reading %s → %s', (held, dataClass, expected) => {
    expect(mayReadDataClass(held, dataClass)).toBe(expected);
  });

  it('rejects a held grant with a partial wildcard action (actions are names, not patterns)', () => {
    expect(() => mayReadDataClass(['data:pii.em*:read'], 'pii.email')).toThrow(ValidationError);
  });

  it('names the capability for a class and rejects bad class names', () => {
    expect(dataClassCapability('pii.email')).toBe('data:pii.email:read');
    expect(() => dataClassCapability('pii..email')).toThrow(/invalid data class/);
    expect(() => dataClassCapability('')).toThrow(ValidationError);
  });
});
