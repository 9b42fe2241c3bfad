import { ValidationError } from '@baton/core/contracts';
import { describe, expect, it } from 'vitest';
import { capabilityProblem, formatCapability, parseCapability } from '../../src/permissions/index.js';

describe('parseCapability', () => {
  it.each([
    ['crm:read', { resource: 'crm', action: 'read', scope: undefined }],
    ['email:send', { resource: 'email', action: 'send', scope: undefined }],
    ['fs:write:/reports/*', { resource: 'fs', action: 'write', scope: '/reports/*' }],
    ['db:read:tenant:42:rows', { resource: 'db', action: 'read', scope: 'tenant:42:rows' }],
    ['*:*', { resource: '*', action: '*', scope: undefined }],
    ['data:pii.email:read', { resource: 'data', action: 'pii.email', scope: 'read' }],
    ['my-app_2.x:bulk-export', { resource: 'my-app_2.x', action: 'bulk-export', scope: undefined }],
  ])('parses %s', (text, expected) => {
    expect(parseCapability(text)).toEqual({ ...expected, text });
    expect(formatCapability(parseCapability(text))).toBe(text);
  });

  it.each([
    ['', /no action/],
    ['crm', /no action/],
    [':read', /resource '' .* is empty/],
    ['crm:', /action '' .* is empty/],
    ['CRM:read', /resource 'CRM' .* must be lowercase$/],
    ['crm:Read', /action 'Read' .* must be lowercase$/],
    ['cr m:read', /resource 'cr m'/],
    ['cr*:read', /resource 'cr\*'/],
    ['crm:read:', /empty scope/],
    ['crm:re\u0000ad', /action 're\\u0000ad'/],
  ])('rejects %j naming the problem', (text, message) => {
    expect(capabilityProblem(text)).toMatch(message);
    let thrown: unknown;
    try {
      parseCapability(text);
    } catch (error) {
      thrown = error;
    }
    expect(ValidationError.isInstance(thrown)).toBe(true);
    expect((thrown as ValidationError).message).toMatch(message);
    expect((thrown as ValidationError).code).toBe('validation');
  });

  it('rejects non-strings without crashing', () => {
    expect(capabilityProblem(42)).toMatch(/must be a string, got number/);
    expect(capabilityProblem(null)).toMatch(/got null/);
  });
});
