import { ValidationError } from '@baton/core/contracts';
import type { Capability } from './capability.js';
import { parseCapability } from './parse-capability.js';
import { compileScopePattern, type ScopePattern, scopePatternProblem } from './scope-pattern.js';

/** A trusted capability (a grant), with its scope compiled to a pattern. */
export interface Grant {
  readonly capability: Capability;
  /** Undefined for an unscoped grant, which covers every scope. */
  readonly pattern: ScopePattern | undefined;
}

/** Parses a grant (trusted configuration, used as written). Throws `ValidationError`. */
export function parseGrant(text: string): Grant {
  const capability = parseCapability(text);
  return Object.freeze({
    capability,
    pattern: capability.scope === undefined ? undefined : compileScopePattern(capability.scope),
  });
}

/** Why `text` is not a valid grant, or undefined. */
export function grantProblem(text: string): string | undefined {
  try {
    parseCapability(text);
  } catch (error) {
    return ValidationError.isInstance(error)
      ? error.message.replace(/^invalid capability: /, '')
      : String(error);
  }
  const second = text.indexOf(':', text.indexOf(':') + 1);
  return second < 0 ? undefined : scopePatternProblem(text.slice(second + 1));
}
