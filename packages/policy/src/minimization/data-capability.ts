import type { PermissionGate } from '@baton/core/contracts';
import { mayReadDataClass } from '../permissions/may-read-data-class.js';

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

/**
 * Whether `capabilities` let a task see real values of `dataClass`: through `gate` when
 * given, else with `@baton/policy`'s capability matcher (`mayReadDataClass`).
 */
export function canReadDataClass(
  capabilities: readonly string[],
  dataClass: string,
  gate?: Pick<PermissionGate, 'check'>,
): boolean {
  if (!gate) {
    try {
      return mayReadDataClass(capabilities, dataClass);
    } catch {
      // An invalid held grant or class name never grants access to real values.
      return false;
    }
  }
  for (const request of dataReadCapabilities(dataClass))
    if (gate.check(capabilities, [request]).allowed) return true;
  return false;
}
