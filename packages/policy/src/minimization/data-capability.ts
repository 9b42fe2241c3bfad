import type { PermissionGate } from '@baton/core/contracts';

/**
 * Capabilities that let a task read a data class, most specific first: for `pii.email`,
 * `data:pii.email:read` then `data:pii:read`. A task holding any of them (as judged by the
 * capability matcher, so `data:*:read`, `data:*` and `*:*` also cover) may see real values
 * of that class.
 */
export function dataReadCapabilities(dataClass: string): string[] {
  const out: string[] = [];
  let name = dataClass;
  for (;;) {
    out.push(`data:${name}:read`);
    const dot = name.lastIndexOf('.');
    if (dot < 0) return out;
    name = name.slice(0, dot);
  }
}

function segmentMatches(pattern: string, segment: string): boolean {
  if (!pattern.includes('*')) return pattern === segment;
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^${source}$`).test(segment);
}

function scopeMatches(pattern: readonly string[], request: readonly string[], p = 0, r = 0): boolean {
  if (p === pattern.length) return r === request.length;
  if (pattern[p] === '**') {
    for (let k = r; k <= request.length; k++) if (scopeMatches(pattern, request, p + 1, k)) return true;
    return false;
  }
  return (
    r < request.length &&
    segmentMatches(pattern[p]!, request[r]!) &&
    scopeMatches(pattern, request, p + 1, r + 1)
  );
}

/**
 * Local grant matcher for `data:<class>:read` requests, following DESIGN.md's capability
 * rules (resource and action equal or `*`; an unscoped grant covers every scope; scope
 * segments with `*` and `**`). Used when no PermissionGate is configured.
 */
export function grantCovers(grant: string, request: string): boolean {
  const [gResource, gAction, ...gScope] = grant.split(':');
  const [rResource, rAction, ...rScope] = request.split(':');
  if (gResource === undefined || gAction === undefined || rResource === undefined || rAction === undefined)
    return false;
  if (gResource !== '*' && gResource !== rResource) return false;
  if (gAction !== '*' && gAction !== rAction) return false;
  if (gScope.length === 0) return true;
  if (rScope.length === 0) return false;
  const g = gScope.join(':');
  const r = rScope.join(':');
  if (g.startsWith('/') !== r.startsWith('/')) return false;
  return scopeMatches(
    g.split('/').filter((s) => s !== ''),
    r.split('/').filter((s) => s !== ''),
  );
}

/** Whether `capabilities` let a task see real values of `dataClass` (through `gate` when given). */
export function canReadDataClass(
  capabilities: readonly string[],
  dataClass: string,
  gate?: Pick<PermissionGate, 'check'>,
): boolean {
  for (const request of dataReadCapabilities(dataClass)) {
    if (gate) {
      if (gate.check(capabilities, [request]).allowed) return true;
    } else if (capabilities.some((grant) => grantCovers(grant, request))) return true;
  }
  return false;
}
