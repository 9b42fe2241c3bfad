import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  attenuate,
  CapabilitySet,
  checkCapability,
  normalizeRequestScope,
} from '../../src/permissions/index.js';

// An independent reference for DESIGN.md's capability semantics: byte-level percent
// decoding checked by a fatal UTF-8 decoder, and regular expressions for the matching. It
// shares no code with src/ (which decodes with decodeURIComponent and matches segment-wise).

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeRound(text: string): string | null {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; ) {
    const hex = /^%([0-9a-fA-F]{2})/.exec(text.slice(i, i + 3));
    if (hex) {
      bytes.push(Number.parseInt(hex[1]!, 16));
      i += 3;
      continue;
    }
    const point = text.codePointAt(i)!;
    bytes.push(...new TextEncoder().encode(String.fromCodePoint(point)));
    i += point > 0xffff ? 2 : 1;
  }
  try {
    return fatalUtf8.decode(new Uint8Array(bytes));
  } catch {
    return null;
  }
}

function referenceNormalize(scope: string): { absolute: boolean; segments: string[] } | null {
  const percentEscape = /%[0-9a-fA-F]{2}/;
  let text = scope;
  for (let round = 0; round < 3 && percentEscape.test(text); round++) {
    const decoded = decodeRound(text);
    if (decoded === null) return null;
    text = decoded;
  }
  if (percentEscape.test(text)) return null;
  text = text.normalize('NFC').split('\\').join('/');
  if (/[\u0000-\u001f\u007f-\u009f]/.test(text)) return null;
  for (const ch of text) if (ch.charCodeAt(0) > 0x7f && /[./\\]/.test(ch.normalize('NFKC'))) return null;
  const segments: string[] = [];
  for (const part of text.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (segments.pop() === undefined) return null;
    } else segments.push(part);
  }
  return { absolute: text.startsWith('/'), segments };
}

function referenceRegex(pattern: string): { absolute: boolean; regex: RegExp } {
  const body = pattern
    .split('/')
    .filter((s) => s !== '')
    .map((s) =>
      s === '**' ? '(?:[^/]+/)*' : `${s.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}/`,
    )
    .join('');
  return { absolute: pattern.startsWith('/'), regex: new RegExp(`^${body}$`) };
}

function referenceCheck(grant: string, request: string): { allowed: boolean; normalized: string | null } {
  const [gr, ga, ...gs] = grant.split(':');
  const [rr, ra, ...rs] = request.split(':');
  const grantScope = gs.length > 0 ? gs.join(':') : undefined;
  const requestScope = rs.length > 0 ? rs.join(':') : undefined;
  let normalized: string | null = request;
  let path: { absolute: boolean; segments: string[] } | null = null;
  if (requestScope !== undefined) {
    path = referenceNormalize(requestScope);
    if (path === null) return { allowed: false, normalized: null };
    const text = path.segments.join('/');
    normalized = `${rr}:${ra}:${path.absolute ? `/${text}` : text || '.'}`;
  }
  const kind = (gr === '*' || gr === rr) && (ga === '*' || ga === ra);
  if (!kind) return { allowed: false, normalized };
  if (grantScope === undefined) return { allowed: true, normalized };
  if (path === null) return { allowed: false, normalized };
  const { absolute, regex } = referenceRegex(grantScope);
  return {
    allowed: absolute === path.absolute && regex.test(path.segments.map((s) => `${s}/`).join('')),
    normalized,
  };
}

const resource = fc.constantFrom('crm', 'fs', '*');
const action = fc.constantFrom('read', 'write', '*');
const patternSegment = fc.constantFrom(
  'a',
  'b',
  'x.txt',
  '*',
  '**',
  'a*',
  '*b',
  '*.txt',
  'é',
  '*a*',
  '.*',
  '*.',
  'a*.*',
);
const requestSegment = fc.constantFrom(
  'a',
  'b',
  'x.txt',
  'ab',
  'a.txt',
  'é',
  'e\u0301',
  '*',
  '.',
  '..',
  '',
  '%2e%2e',
  '%2F',
  'a%2Fb',
  '\\',
  'a\\..',
  '%252e%252e',
  '%25252e',
  '%2525252e',
  '%C0%AE',
  '\uff0f',
  '\u2024',
  'a\u0000',
  '%25',
  '%zz',
  'cafe%CC%81',
  '%E2%80%A4',
  '%ED%A0%80',
  '%F0%9F%93%88',
  '%C3',
  '%C3%A9',
  '%25C3%25A9',
  '%%32%65',
  '%2541',
  '.env',
  '.a.',
  'a.b',
  '..a',
);
const grant = fc
  .tuple(
    resource,
    action,
    fc.option(fc.tuple(fc.boolean(), fc.array(patternSegment, { maxLength: 4 })), { nil: undefined }),
  )
  .filter(([, , scope]) => scope === undefined || scope[0] || scope[1].length > 0)
  .map(([r, a, scope]) =>
    scope === undefined ? `${r}:${a}` : `${r}:${a}:${scope[0] ? '/' : ''}${scope[1].join('/')}`,
  );
const request = fc
  .tuple(
    fc.constantFrom('crm', 'fs'),
    fc.constantFrom('read', 'write'),
    fc.option(fc.tuple(fc.boolean(), fc.array(requestSegment, { maxLength: 5 })), { nil: undefined }),
  )
  .map(([r, a, scope]) => {
    if (scope === undefined) return `${r}:${a}`;
    const text = `${scope[0] ? '/' : ''}${scope[1].join('/')}`;
    return `${r}:${a}:${text === '' ? '.' : text}`;
  });
const grants = fc.array(grant, { maxLength: 3 });

describe('properties', () => {
  it('the matcher agrees with an independent reference implementation', () => {
    fc.assert(
      fc.property(grant, request, (g, r) => {
        const actual = checkCapability([g], r);
        expect({ allowed: actual.allowed, normalized: actual.normalized }).toEqual(referenceCheck(g, r));
      }),
      { numRuns: 5000 },
    );
  });

  it('attenuation never widens: the child covers only what parent and request both cover', () => {
    fc.assert(
      fc.property(
        grants,
        fc.option(grants, { nil: undefined }),
        fc.array(request, { minLength: 1, maxLength: 8 }),
        (parent, asked, probes) => {
          const child = attenuate(parent, asked);
          const parentSet = CapabilitySet.of(parent);
          for (const probe of probes) {
            if (!child.includes(probe)) continue;
            expect(parentSet.includes(probe)).toBe(true);
            if (asked !== undefined) expect(CapabilitySet.of(asked).includes(probe)).toBe(true);
          }
          // And as patterns: every child grant lies inside the parent.
          expect(parentSet.containsAll(child)).toBe(true);
          // And every child grant can be written down and read back as a valid grant.
          expect(CapabilitySet.of([...child]).toArray()).toEqual(child.toArray());
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('intersect is a subset of both sides (and keeps what both cover for these patterns)', () => {
    fc.assert(
      fc.property(
        grants,
        grants,
        fc.array(request, { minLength: 1, maxLength: 8 }),
        (left, right, probes) => {
          const a = CapabilitySet.of(left);
          const b = CapabilitySet.of(right);
          const both = a.intersect(b);
          for (const probe of probes) {
            const inBoth = a.includes(probe) && b.includes(probe);
            expect(both.includes(probe)).toBe(inBoth);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('difference is a subset of the left side', () => {
    fc.assert(
      fc.property(grants, grants, (left, right) => {
        const a = CapabilitySet.of(left);
        expect(a.containsAll(a.difference(right))).toBe(true);
        for (const kept of a.difference(right)) expect(CapabilitySet.of(right).contains(kept)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  const anyScope = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          '/',
          '\\',
          '.',
          '..',
          '%',
          '%2',
          '%2e',
          '%2F',
          '%25',
          '%C0',
          '%AE',
          '%ED',
          '%F0%9F',
          '\uff0f',
          '\u2025',
          '\ud800',
          '\u0000',
          'é',
          'e\u0301',
          '*',
        ),
        fc.string({ unit: 'binary', maxLength: 6 }),
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join(''));

  it('normalization never throws, and a normalized scope is a fixed point', () => {
    fc.assert(
      fc.property(anyScope, (scope) => {
        const once = normalizeRequestScope(scope);
        if (!once.ok) {
          expect(once.reason).toMatch(/^scope /);
          return;
        }
        const twice = normalizeRequestScope(once.text);
        expect(twice).toEqual(once);
      }),
      { numRuns: 5000 },
    );
  });

  it('any scope is answered (allowed or denied), never an exception, and never widens /reports/**', () => {
    fc.assert(
      fc.property(
        anyScope.filter((s) => s !== ''),
        (scope) => {
          const result = checkCapability(['fs:read:/reports/**'], `fs:read:${scope}`);
          if (result.allowed) expect(result.normalized).toMatch(/^fs:read:\/reports(\/|$)/);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
