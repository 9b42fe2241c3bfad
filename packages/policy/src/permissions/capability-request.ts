import type { Capability } from './capability.js';
import { normalizeRequestScope, type ScopeNormalization } from './normalize-request-scope.js';
import { parseCapability } from './parse-capability.js';

/** An untrusted request, parsed and with its scope normalized. */
export interface CapabilityRequest {
  readonly capability: Capability;
  /** Undefined for an unscoped request (it asks for the whole capability). */
  readonly scope: ScopeNormalization | undefined;
  /** The request after normalization, or null when its scope was denied. */
  readonly normalized: string | null;
}

/**
 * Parses an untrusted request and normalizes its scope. Throws `ValidationError` when it is
 * not a capability at all (bad grammar); a scope denied by normalization is not an error:
 * `scope.ok` is false and `normalized` is null.
 */
export function parseCapabilityRequest(text: string): CapabilityRequest {
  const capability = parseCapability(text);
  if (capability.scope === undefined)
    return Object.freeze({ capability, scope: undefined, normalized: text });
  const scope = normalizeRequestScope(capability.scope);
  return Object.freeze({
    capability,
    scope,
    normalized: scope.ok ? `${capability.resource}:${capability.action}:${scope.text}` : null,
  });
}
