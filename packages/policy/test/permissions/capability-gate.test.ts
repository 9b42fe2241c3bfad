import { ValidationError } from '@baton/core/contracts';
import { describe, expect, it } from 'vitest';
import { capabilityGate } from '../../src/permissions/index.js';

describe('capabilityGate', () => {
  const held = ['notes:read', 'fs:write:/reports/**', 'email:send'];

  it('allows when every required capability is covered', () => {
    const gate = capabilityGate();
    expect(gate.check(held, ['notes:read', 'fs:write:/reports/q3.md'])).toEqual({
      allowed: true,
      reason: 'all 2 required capabilities covered',
      normalized: ['notes:read', 'fs:write:/reports/q3.md'],
    });
    expect(gate.check(held, ['fs:write:/reports/a/../b.md'])).toEqual({
      allowed: true,
      reason: 'covered by fs:write:/reports/**',
      normalized: ['fs:write:/reports/b.md'],
    });
    expect(gate.check(held, [])).toMatchObject({ allowed: true, reason: 'no capabilities required' });
  });

  it('denies naming the first uncovered capability', () => {
    const gate = capabilityGate();
    expect(gate.check(held, ['notes:read', 'fs:write:/etc/passwd', 'crm:read'])).toEqual({
      allowed: false,
      reason: 'no grant covers fs:write:/etc/passwd',
      denied: 'fs:write:/etc/passwd',
      normalized: ['notes:read', 'fs:write:/etc/passwd', 'crm:read'],
    });
    expect(gate.check(held, ['fs:write:/reports/%2e%2e/%2e%2e/etc'])).toMatchObject({
      allowed: false,
      denied: 'fs:write:/reports/%2e%2e/%2e%2e/etc',
      reason: "scope goes above the root with '..'",
      normalized: [null],
    });
  });

  it('denies (never throws) an invalid required capability built from model arguments', () => {
    const gate = capabilityGate();
    const result = gate.check(held, ['fs:write:']);
    expect(result.allowed).toBe(false);
    expect(result.denied).toBe('fs:write:');
    expect(result.reason).toMatch(/invalid capability: .*empty scope/);
  });

  it('throws ValidationError for an invalid held grant (configuration error)', () => {
    const gate = capabilityGate();
    expect(() => gate.check(['Notes:read'], ['notes:read'])).toThrow(ValidationError);
  });

  it('reports capabilities that need approval', () => {
    const gate = capabilityGate({ requireApproval: ['email:send', 'fs:write:/reports/final/**'] });
    expect(gate.check(held, ['email:send:bob@example.com'])).toMatchObject({
      allowed: true,
      needsApproval: ['email:send:bob@example.com'],
    });
    expect(gate.check(held, ['fs:write:/reports/final/q3.md', 'fs:write:/reports/draft.md'])).toMatchObject({
      allowed: true,
      needsApproval: ['fs:write:/reports/final/q3.md'],
    });
    expect(gate.check(held, ['fs:write:/reports/draft.md']).needsApproval).toBeUndefined();
    // A denied call never asks for approval.
    expect(gate.check(['notes:read'], ['email:send'])).toMatchObject({
      allowed: false,
      denied: 'email:send',
    });
    expect(gate.check(['notes:read'], ['email:send']).needsApproval).toBeUndefined();
    // A wildcard request overlaps an approval pattern.
    expect(gate.check(['*:*'], ['email:*']).needsApproval).toEqual(['email:*']);
  });

  it('rejects an invalid approval pattern at construction', () => {
    expect(() => capabilityGate({ requireApproval: ['Email:send'] })).toThrow(ValidationError);
  });

  it('attenuates: parent ∩ requested, inherit when nothing is requested', () => {
    const gate = capabilityGate();
    expect(gate.attenuate(held, ['fs:write:/reports/2024/*', 'crm:read'])).toEqual([
      'fs:write:/reports/2024/*',
    ]);
    expect(gate.attenuate(held, undefined)).toEqual(held);
    expect(gate.attenuate(held, [])).toEqual([]);
    expect(gate.attenuate(['*:read'], ['notes:*'])).toEqual(['notes:read']);
    const child = gate.attenuate(held, ['fs:write:/reports/**/*.md']);
    expect(Object.isFrozen(child)).toBe(true);
    expect(gate.check(child, ['fs:write:/reports/a/b.md']).allowed).toBe(true);
    expect(gate.check(child, ['fs:write:/reports/a/b.sh']).allowed).toBe(false);
  });

  it('caches parsed sets by identity and by content, giving identical decisions', () => {
    const gate = capabilityGate({ cacheSize: 2 });
    const first = gate.set(held);
    expect(gate.set(held)).toBe(first);
    expect(gate.set([...held])).toBe(first);
    for (let i = 0; i < 5; i++) gate.set([`r${i}:read`]);
    expect(gate.set([...held])).not.toBe(first);
    for (let i = 0; i < 600; i++) {
      expect(gate.check(held, [`fs:write:/reports/${i}.md`]).allowed).toBe(true);
      expect(gate.check(held, [`fs:write:/etc/${i}`]).allowed).toBe(false);
    }
  });
});

describe('capabilityGate cache keys', () => {
  it('never confuses one grant containing a newline with two grants', () => {
    const gate = capabilityGate();
    expect(gate.check(['fs:read:/a', 'fs:read:/b'], ['fs:read:/b']).allowed).toBe(true);
    // Same text when joined with '\n', but a single (never-matching) grant: must not reuse the entry above.
    expect(gate.check(['fs:read:/a\nfs:read:/b'], ['fs:read:/b']).allowed).toBe(false);
  });

  it('handles a very long scoped request without caching it', () => {
    const gate = capabilityGate({ requireApproval: ['fs:write:/reports/final/**'] });
    const path = `/reports/final/${'x'.repeat(5000)}.md`;
    for (let i = 0; i < 3; i++) {
      expect(gate.check(['fs:write:/reports/**'], [`fs:write:${path}`])).toMatchObject({
        allowed: true,
        needsApproval: [`fs:write:${path}`],
      });
    }
  });
});
