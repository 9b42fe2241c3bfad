import { readFileSync } from 'node:fs';
import { ValidationError } from '@baton/core/contracts';
import { describe, expect, it } from 'vitest';
import { checkCapability } from '../../src/permissions/index.js';

interface ScopeCase {
  rule: string;
  grants: string[];
  request: string;
  allowed?: boolean;
  normalized?: string | null;
  error?: true;
}

// Each case was written from DESIGN.md's "Capabilities — exact semantics", rule by rule.
const cases = JSON.parse(
  readFileSync(new URL('../__fixtures__/scope-cases.json', import.meta.url), 'utf8'),
) as ScopeCase[];

describe('scope cases', () => {
  it('has at least 200 cases covering every rule family', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    const families = new Set(cases.map((c) => c.rule.split(':')[0]));
    for (const family of [
      'percent',
      'utf8',
      'backslash',
      'confusable',
      'control',
      'dots',
      'case',
      'abs/rel',
      'glob',
      'names',
      'invalid',
    ]) {
      expect(families).toContain(family);
    }
  });

  it.each(cases.filter((c) => !c.error).map((c) => [c.rule, c] as const))('%s', (_rule, c) => {
    const result = checkCapability(c.grants, c.request);
    expect({ allowed: result.allowed, normalized: result.normalized }).toEqual({
      allowed: c.allowed,
      normalized: c.normalized,
    });
    expect(result.reason).toMatch(/\S/);
    if (c.normalized === null) expect(result.reason).not.toMatch(/^no grant covers/);
    else if (!c.allowed) expect(result.reason).toMatch(/^no grant covers/);
    else expect(result.reason).toMatch(/^covered by /);
  });

  it.each(cases.filter((c) => c.error).map((c) => [c.rule, c] as const))('%s', (_rule, c) => {
    let thrown: unknown;
    try {
      checkCapability(c.grants, c.request);
    } catch (error) {
      thrown = error;
    }
    expect(ValidationError.isInstance(thrown)).toBe(true);
    expect((thrown as Error).message).toMatch(/^invalid capability: /);
  });
});
