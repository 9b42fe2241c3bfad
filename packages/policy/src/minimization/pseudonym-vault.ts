import { ValueMap } from './known-values.js';

/** A real value the vault keeps for one placeholder. */
export interface VaultEntry {
  /** The real value as first seen. */
  value: string;
  /** Its data class, e.g. `pii.email`. */
  dataClass: string;
}

/** Placeholders as written in text: `<EMAIL_1>`, `<CREDIT_CARD_12>`. */
export const PLACEHOLDER_PATTERN = /<([A-Z][A-Z0-9_]*)_(\d+)>/g;

/** Formatting that does not change the identity of a value (a card with or without spaces is one card). */
function identityOf(value: string, dataClass: string): string {
  if (
    dataClass === 'pii.card' ||
    dataClass === 'pii.iban' ||
    dataClass === 'pii.ssn' ||
    dataClass === 'pii.phone'
  )
    return value.replace(/[\s().-]/g, '').toUpperCase();
  if (dataClass === 'pii.email') return value.toLowerCase();
  return value;
}

/**
 * The in-process map between placeholders and real values for one run. The same value
 * always gets the same placeholder; numbering is per label, from 1. Never serialize it
 * into anything that leaves the process.
 */
export class PseudonymVault {
  /**
   * Data class → identity of the value → placeholder (no concatenated key string per lookup;
   * long identities such as keys and tokens are not hashed, see `ValueMap`).
   */
  readonly #byClass = new Map<string, ValueMap<string>>();
  readonly #byPlaceholder = new Map<string, VaultEntry>();
  readonly #counters = new Map<string, number>();

  /** The placeholder for `value` (created on first sight). */
  placeholderFor(value: string, dataClass: string, label: string): string {
    const identity = identityOf(value, dataClass);
    let byIdentity = this.#byClass.get(dataClass);
    if (byIdentity === undefined) {
      byIdentity = new ValueMap();
      this.#byClass.set(dataClass, byIdentity);
    }
    const known = byIdentity.get(identity);
    if (known !== undefined) return known;
    const n = (this.#counters.get(label) ?? 0) + 1;
    this.#counters.set(label, n);
    const placeholder = `<${label}_${n}>`;
    byIdentity.set(identity, placeholder);
    this.#byPlaceholder.set(placeholder, { value, dataClass });
    return placeholder;
  }

  /** The real value behind a placeholder, or undefined for an unknown one. */
  lookup(placeholder: string): VaultEntry | undefined {
    return this.#byPlaceholder.get(placeholder);
  }

  /** Number of placeholders held. */
  get size(): number {
    return this.#byPlaceholder.size;
  }

  /** Placeholder → entry pairs, in creation order. */
  entries(): IterableIterator<[string, VaultEntry]> {
    return this.#byPlaceholder.entries();
  }

  /** Forgets every value (called when the run ends). */
  clear(): void {
    this.#byClass.clear();
    this.#byPlaceholder.clear();
    this.#counters.clear();
  }
}
