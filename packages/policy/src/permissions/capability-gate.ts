import type { PermissionCheck, PermissionGate } from '@baton/core/contracts';
import { ValidationError } from '@baton/core/contracts';
import { type CapabilityRequest, parseCapabilityRequest } from './capability-request.js';
import { attenuate, CapabilitySet } from './capability-set.js';
import { type CoverResult, decide } from './covers.js';
import { type Grant, parseGrant } from './grant.js';
import { matchScopePattern } from './scope-pattern.js';

/** Options of `capabilityGate`. */
export interface CapabilityGateOptions {
  /**
   * Capabilities that need a human approval before a covered call runs, written as grants:
   * a required capability that overlaps one of them (e.g. `email:send`, `fs:write:/etc/**`)
   * is reported in `needsApproval`.
   */
  requireApproval?: readonly string[];
  /** Distinct held sets to keep parsed (default 512). */
  cacheSize?: number;
}

/** The permission gate with the capability set behind each decision exposed. */
export interface CapabilityGate extends PermissionGate {
  /** The parsed (cached) set for held capabilities. Throws `ValidationError` for an invalid grant. */
  set(held: readonly string[]): CapabilitySet;
}

interface HeldEntry {
  readonly set: CapabilitySet;
  readonly grants: readonly Grant[];
  /** Decisions by request text; bounded. */
  readonly decisions: Map<string, CoverResult>;
}

const DECISIONS_PER_SET = 256;
const REQUESTS_CACHED = 4096;
// Scoped requests are mostly built from model arguments and rarely repeat: caching them costs
// more (map churn, GC) than normalizing again (measured: ~3x slower for distinct requests),
// and would let a model pin big strings. Only unscoped requests (`crm:read`) are cached.
const cacheable = (text: string) => text.length <= 128 && text.indexOf(':') === text.lastIndexOf(':');

/**
 * The `PermissionGate` core calls on every tool call and delegation. `attenuate` gives a
 * child `parent ∩ requested` (inherits `parent` when nothing is requested); `check` allows a
 * call only when every required capability is covered by a held grant after the request's
 * scope is normalized. Parsed held sets are cached (by array identity, then by content).
 *
 * Invalid held grants are configuration errors: `ValidationError` is thrown. An invalid
 * *required* capability (e.g. built from a model's argument) is denied, never thrown.
 */
export function capabilityGate(options: CapabilityGateOptions = {}): CapabilityGate {
  const approvals = (options.requireApproval ?? []).map((text) => parseGrant(text));
  const limit = options.cacheSize ?? 512;
  const byIdentity = new WeakMap<readonly string[], HeldEntry>();
  const byContent = new Map<string, HeldEntry>();
  const requests = new Map<string, CapabilityRequest | ValidationError>();

  const entryOf = (held: readonly string[]): HeldEntry => {
    let entry = byIdentity.get(held);
    if (entry !== undefined) return entry;
    // JSON, not a join: a separator could also appear inside a scope and merge two sets.
    const key = JSON.stringify(held);
    entry = byContent.get(key);
    if (entry === undefined) {
      entry = entryFor(CapabilitySet.of(held));
      if (byContent.size >= limit) byContent.delete(byContent.keys().next().value!);
      byContent.set(key, entry);
    }
    byIdentity.set(held, entry);
    return entry;
  };

  const requestOf = (text: string): CapabilityRequest | ValidationError => {
    let parsed = requests.get(text);
    if (parsed === undefined) {
      try {
        parsed = parseCapabilityRequest(text);
      } catch (error) {
        if (!ValidationError.isInstance(error)) throw error;
        parsed = error;
      }
      if (cacheable(text)) {
        if (requests.size >= REQUESTS_CACHED) requests.clear();
        requests.set(text, parsed);
      }
    }
    return parsed;
  };

  /** The decision for one required capability, and the parsed request when it had to be parsed. */
  const decideFor = (
    entry: HeldEntry,
    text: string,
  ): [CoverResult, CapabilityRequest | ValidationError | undefined] => {
    const cached = entry.decisions.get(text);
    if (cached !== undefined) return [cached, undefined];
    const request = requestOf(text);
    const result = ValidationError.isInstance(request)
      ? { allowed: false, reason: request.message, normalized: null }
      : decide(entry.grants, request);
    if (cacheable(text)) {
      if (entry.decisions.size >= DECISIONS_PER_SET) entry.decisions.clear();
      entry.decisions.set(text, result);
    }
    return [result, request];
  };

  return {
    set: (held) => entryOf(held).set,

    attenuate(parent, requested) {
      const child = attenuate(entryOf(parent).set, requested);
      const texts = child.toArray();
      byIdentity.set(texts, entryFor(child));
      return texts;
    },

    check(held, required): PermissionCheck {
      const entry = entryOf(held);
      if (required.length === 0) return { allowed: true, reason: 'no capabilities required', normalized: [] };
      const normalized: (string | null)[] = new Array(required.length);
      let denied: { capability: string; reason: string } | undefined;
      let needsApproval: string[] | undefined;
      let firstReason = '';
      for (let i = 0; i < required.length; i++) {
        const text = required[i]!;
        const [result, parsed] = decideFor(entry, text);
        normalized[i] = result.normalized;
        if (i === 0) firstReason = result.reason;
        if (!result.allowed) {
          denied ??= { capability: text, reason: result.reason };
          continue;
        }
        if (approvals.length > 0) {
          const request = (parsed ?? requestOf(text)) as CapabilityRequest;
          if (approvals.some((approval) => overlaps(approval, request))) {
            needsApproval ??= [];
            needsApproval.push(text);
          }
        }
      }
      if (denied !== undefined) {
        return { allowed: false, reason: denied.reason, denied: denied.capability, normalized };
      }
      const reason =
        required.length === 1 ? firstReason : `all ${required.length} required capabilities covered`;
      return needsApproval === undefined
        ? { allowed: true, reason, normalized }
        : { allowed: true, reason, normalized, needsApproval };
    },
  };
}

function entryFor(set: CapabilitySet): HeldEntry {
  return { set, grants: set.grants(), decisions: new Map() };
}

/** Whether a request asks for anything an approval pattern names (conservative: `*` on either side overlaps). */
function overlaps(approval: Grant, request: CapabilityRequest): boolean {
  const a = approval.capability;
  const r = request.capability;
  if (a.resource !== '*' && r.resource !== '*' && a.resource !== r.resource) return false;
  if (a.action !== '*' && r.action !== '*' && a.action !== r.action) return false;
  if (approval.pattern === undefined || request.scope === undefined) return true;
  return request.scope.ok && matchScopePattern(approval.pattern, request.scope.path);
}
