import { ValidationError } from '@baton/core/contracts';
import { CapabilitySet } from './capability-set.js';

const DATA_CLASS = /^[a-z0-9_-]+(?:\.[a-z0-9_-]+)*$/;

/** The capability that lets a tool receive values of a data class: `data:<class>:read` (e.g. `data:pii.email:read`). */
export function dataClassCapability(dataClass: string): string {
  const name = dataClass.toLowerCase();
  if (!DATA_CLASS.test(name)) {
    throw new ValidationError(
      `invalid data class '${dataClass}': expected dotted lowercase names like 'pii.email'`,
      [{ path: [], message: 'invalid data class' }],
    );
  }
  return `data:${name}:read`;
}

/**
 * Whether a task holding `held` may receive real (rehydrated) values of `dataClass`. Data
 * classes are dotted (`pii.email` is inside `pii`), so `data:pii:read` allows every `pii.*`
 * class, `data:pii.email:read` only e-mail addresses, `data:*:read` every class. Decided by
 * the ordinary matcher on `data:<prefix>:read` for the class and each dotted prefix of it.
 * Throws `ValidationError` for an invalid held grant or data class.
 */
export function mayReadDataClass(held: readonly string[] | CapabilitySet, dataClass: string): boolean {
  const set = CapabilitySet.of(held);
  const full = dataClassCapability(dataClass).slice('data:'.length, -':read'.length);
  let end = full.length;
  while (end > 0) {
    if (set.includes(`data:${full.slice(0, end)}:read`)) return true;
    end = full.lastIndexOf('.', end - 1);
  }
  return false;
}
