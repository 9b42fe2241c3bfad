import { ValidationError } from '@baton/core/contracts';
import type { Capability } from './capability.js';

const NAME = /^(?:\*|[a-z0-9_.-]+)$/;

/** Why `text` is not a capability, or undefined when it is one (`resource:action[:scope]`). */
export function capabilityProblem(text: unknown): string | undefined {
  if (typeof text !== 'string')
    return `a capability must be a string, got ${text === null ? 'null' : typeof text}`;
  const first = text.indexOf(':');
  if (first < 0) return `'${printable(text)}' has no action: expected resource:action[:scope]`;
  const second = text.indexOf(':', first + 1);
  const resource = text.slice(0, first);
  const action = second < 0 ? text.slice(first + 1) : text.slice(first + 1, second);
  if (!NAME.test(resource))
    return `resource '${printable(resource)}' in '${printable(text)}' ${nameProblem(resource)}`;
  if (!NAME.test(action))
    return `action '${printable(action)}' in '${printable(text)}' ${nameProblem(action)}`;
  if (second >= 0 && second === text.length - 1) {
    return `'${printable(text)}' has an empty scope (omit the second colon for an unscoped capability)`;
  }
  return undefined;
}

/**
 * Parses `resource:action[:scope]`. `resource` and `action` are lowercase `[a-z0-9_.-]+`
 * or `*`; the scope is everything after the second colon. Throws `ValidationError`
 * naming what is wrong. The scope is not checked here: grants and requests treat it
 * differently (see `parseGrant` and `normalizeRequestScope`).
 */
export function parseCapability(text: string): Capability {
  const problem = capabilityProblem(text);
  if (problem !== undefined)
    throw new ValidationError(`invalid capability: ${problem}`, [{ path: [], message: problem }]);
  const first = text.indexOf(':');
  const second = text.indexOf(':', first + 1);
  return Object.freeze({
    resource: text.slice(0, first),
    action: second < 0 ? text.slice(first + 1) : text.slice(first + 1, second),
    scope: second < 0 ? undefined : text.slice(second + 1),
    text,
  });
}

/** Writes a capability back as `resource:action[:scope]`. */
export function formatCapability(capability: Pick<Capability, 'resource' | 'action' | 'scope'>): string {
  const head = `${capability.resource}:${capability.action}`;
  return capability.scope === undefined ? head : `${head}:${capability.scope}`;
}

function nameProblem(name: string): string {
  if (name === '') return 'is empty';
  if (name !== name.toLowerCase() && name.toLowerCase().match(NAME)) return 'must be lowercase';
  return "must be lowercase [a-z0-9_.-]+ or '*'";
}

// Messages quote untrusted input; keep them on one line and free of control characters.
function printable(text: string): string {
  const clipped = text.length > 120 ? `${text.slice(0, 117)}...` : text;
  return clipped.replace(
    /[\p{Cc}\p{Zl}\p{Zp}]/gu,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
