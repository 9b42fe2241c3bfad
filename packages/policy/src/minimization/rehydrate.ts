import { PLACEHOLDER_PATTERN, type PseudonymVault } from './pseudonym-vault.js';

/** Counts of placeholders restored and withheld, by data class. */
export interface RehydrationCounts {
  restored: Record<string, number>;
  withheld: Record<string, number>;
}

/** Replaces known placeholders whose class `allow` accepts; unknown placeholders stay as written. */
export function rehydrateText(
  text: string,
  vault: PseudonymVault,
  allow: (dataClass: string) => boolean,
  counts?: RehydrationCounts,
): string {
  if (!text.includes('<') || vault.size === 0) return text;
  PLACEHOLDER_PATTERN.lastIndex = 0;
  return text.replace(PLACEHOLDER_PATTERN, (placeholder) => {
    const entry = vault.lookup(placeholder);
    if (entry === undefined) return placeholder;
    if (!allow(entry.dataClass)) {
      if (counts) counts.withheld[entry.dataClass] = (counts.withheld[entry.dataClass] ?? 0) + 1;
      return placeholder;
    }
    if (counts) counts.restored[entry.dataClass] = (counts.restored[entry.dataClass] ?? 0) + 1;
    return entry.value;
  });
}

/** Deep version of `rehydrateText` over JSON-like values; returns the same object when nothing changed. */
export function rehydrateValue(
  value: unknown,
  vault: PseudonymVault,
  allow: (dataClass: string) => boolean,
  counts?: RehydrationCounts,
): unknown {
  return mapStrings(value, (text) => rehydrateText(text, vault, allow, counts));
}

/** Applies `fn` to every string in a JSON-like value (object keys excluded); copies only changed branches. */
export function mapStrings(value: unknown, fn: (text: string) => string, depth = 0): unknown {
  if (typeof value === 'string') return fn(value);
  if (depth > 64 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const next = mapStrings(value[i], fn, depth + 1);
      if (next !== value[i]) {
        copy ??= value.slice();
        copy[i] = next;
      }
    }
    return copy ?? value;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  // Object.keys, not Object.entries: no [key, value] pair allocated per field.
  for (const key of Object.keys(record)) {
    const item = record[key];
    const next = mapStrings(item, fn, depth + 1);
    if (next !== item) {
      copy ??= { ...record };
      copy[key] = next;
    }
  }
  return copy ?? value;
}
