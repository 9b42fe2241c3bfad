import type { Grant } from './grant.js';
import { formatScopePattern, type ScopePattern } from './scope-pattern.js';
import { intersectScopePatterns, scopePatternContains } from './scope-pattern-relations.js';

/** Whether every request `inner` covers is covered by `outer` (sound: false when unsure). */
export function grantContains(outer: Grant, inner: Grant): boolean {
  const o = outer.capability;
  const i = inner.capability;
  if (o.resource !== '*' && o.resource !== i.resource) return false;
  if (o.action !== '*' && o.action !== i.action) return false;
  if (outer.pattern === undefined) return true;
  if (inner.pattern === undefined) return false;
  return scopePatternContains(outer.pattern, inner.pattern);
}

/**
 * Grants whose union covers only requests both `a` and `b` cover (pattern intersection:
 * `*` resource/action meets the other side's name; an unscoped side meets the other's
 * scope; two scopes intersect as patterns). Empty when they share nothing.
 */
export function intersectGrants(a: Grant, b: Grant): Grant[] {
  const resource = meet(a.capability.resource, b.capability.resource);
  const action = meet(a.capability.action, b.capability.action);
  if (resource === undefined || action === undefined) return [];
  let patterns: (ScopePattern | undefined)[];
  if (a.pattern === undefined) patterns = [b.pattern];
  else if (b.pattern === undefined) patterns = [a.pattern];
  else patterns = intersectScopePatterns(a.pattern, b.pattern);
  return patterns.map((pattern) => {
    const head = `${resource}:${action}`;
    const text = pattern === undefined ? head : `${head}:${scopeText(pattern, a, b)}`;
    return Object.freeze({
      capability: Object.freeze({
        resource,
        action,
        scope: text.length > head.length ? text.slice(head.length + 1) : undefined,
        text,
      }),
      pattern,
    });
  });
}

function meet(x: string, y: string): string | undefined {
  if (x === '*') return y;
  if (y === '*' || x === y) return x;
  return undefined;
}

// Keep a side's scope exactly as written when the result is that side's pattern.
function scopeText(pattern: ScopePattern, a: Grant, b: Grant): string {
  if (pattern === a.pattern) return a.capability.scope!;
  if (pattern === b.pattern) return b.capability.scope!;
  return formatScopePattern(pattern);
}
