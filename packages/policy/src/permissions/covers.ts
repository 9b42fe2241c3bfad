import { type CapabilityRequest, parseCapabilityRequest } from './capability-request.js';
import { type Grant, parseGrant } from './grant.js';
import { matchScopePattern } from './scope-pattern.js';

/** The answer to "would this request be allowed?". */
export interface CoverResult {
  readonly allowed: boolean;
  /** Why, in one line. */
  readonly reason: string;
  /** The request after normalization, or null when it was denied before matching. */
  readonly normalized: string | null;
}

/**
 * Whether one grant covers one (normalized) request: resources equal or the grant's is `*`,
 * actions equal or the grant's is `*`, and the grant is unscoped or the request has a scope
 * that matches the grant's pattern. An unscoped request is covered only by an unscoped grant.
 */
export function grantCovers(grant: Grant, request: CapabilityRequest): boolean {
  const held = grant.capability;
  const asked = request.capability;
  if (held.resource !== '*' && held.resource !== asked.resource) return false;
  if (held.action !== '*' && held.action !== asked.action) return false;
  if (grant.pattern === undefined) return request.scope === undefined || request.scope.ok;
  if (request.scope === undefined || !request.scope.ok) return false;
  return matchScopePattern(grant.pattern, request.scope.path);
}

/** Checks a request against one grant. Throws `ValidationError` when either is not a valid capability. */
export function covers(grant: string | Grant, request: string | CapabilityRequest): CoverResult {
  return checkCapability([grant], request);
}

/**
 * Checks an untrusted request against grants: allowed when any grant covers the normalized
 * request. Throws `ValidationError` when a grant or the request is not a valid capability.
 */
export function checkCapability(
  grants: Iterable<string | Grant>,
  request: string | CapabilityRequest,
): CoverResult {
  const parsedGrants: Grant[] = [];
  for (const grant of grants) parsedGrants.push(typeof grant === 'string' ? parseGrant(grant) : grant);
  const parsed = typeof request === 'string' ? parseCapabilityRequest(request) : request;
  return decide(parsedGrants, parsed);
}

/** The decision for a parsed request against parsed grants. */
export function decide(grants: readonly Grant[], request: CapabilityRequest): CoverResult {
  if (request.scope !== undefined && !request.scope.ok) {
    return { allowed: false, reason: request.scope.reason, normalized: null };
  }
  for (const grant of grants) {
    if (grantCovers(grant, request)) {
      return { allowed: true, reason: `covered by ${grant.capability.text}`, normalized: request.normalized };
    }
  }
  return { allowed: false, reason: denialReason(grants, request), normalized: request.normalized };
}

function denialReason(grants: readonly Grant[], request: CapabilityRequest): string {
  const base = `no grant covers ${request.normalized}`;
  const asked = request.capability;
  const sameKind = grants.filter(
    (grant) =>
      (grant.capability.resource === '*' || grant.capability.resource === asked.resource) &&
      (grant.capability.action === '*' || grant.capability.action === asked.action),
  );
  if (sameKind.length === 0) return base;
  if (request.scope === undefined) return `${base} (a request without a scope needs an unscoped grant)`;
  const absolute = request.scope.ok && request.scope.path.absolute;
  if (sameKind.every((grant) => grant.pattern !== undefined && grant.pattern.absolute !== absolute)) {
    return `${base} (the request is ${absolute ? 'absolute' : 'relative'}; the grants' scopes are ${absolute ? 'relative' : 'absolute'})`;
  }
  return base;
}
