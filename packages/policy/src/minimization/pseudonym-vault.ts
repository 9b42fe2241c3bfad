import { StringMap } from './known-values.js';

/** A real value the vault keeps for one placeholder. */
export interface VaultEntry {
  /** The real value as first seen. */
  value: string;
  /** Its data class, e.g. `pii.email`. */
  dataClass: string;
}

/** Placeholders as written in text: `<EMAIL_1>`, `<CREDIT_CARD_12>`. */
export const PLACEHOLDER_PATTERN = /<([A-Z][A-Z0-9_]*)_(\d+)>/g;

/** Code units dropped from a card, IBAN, SSN or phone number's identity: ASCII white space and `().-`. */
const SEPARATOR = new Uint8Array(128);
for (const c of ' \t\n\v\f\r().-') SEPARATOR[c.charCodeAt(0)] = 1;
const codes: number[] = [];

/**
 * Formatting that does not change the identity of a value (a card with or without spaces is
 * one card). ASCII values are folded here in one pass, and returned as they are when already
 * in identity form: values sliced from a text with any non-ASCII character are two-byte
 * strings, whose regex replace and case mapping go through the slow Unicode path.
 */
function identityOf(value: string, dataClass: string): string {
  if (
    dataClass === 'pii.card' ||
    dataClass === 'pii.iban' ||
    dataClass === 'pii.ssn' ||
    dataClass === 'pii.phone'
  ) {
    codes.length = 0;
    let changed = false;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c >= 128) return value.replace(/[\s().-]/g, '').toUpperCase();
      if (SEPARATOR[c] === 1) changed = true;
      else if (c >= 97 && c <= 122) {
        codes.push(c - 32);
        changed = true;
      } else codes.push(c);
    }
    return changed ? String.fromCharCode.apply(null, codes) : value;
  }
  if (dataClass === 'pii.email') {
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c >= 128 || (c >= 65 && c <= 90)) return value.toLowerCase();
    }
    return value;
  }
  return value;
}

/** The placeholder of one identity in one data class; identities shared by classes chain. */
interface Assigned {
  dataClass: string;
  placeholder: string;
  next: Assigned | undefined;
}

/**
 * The in-process map between placeholders and real values for one run. The same value
 * always gets the same placeholder; numbering is per label, from 1. Never serialize it
 * into anything that leaves the process.
 */
export class PseudonymVault {
  /** Identity of the value → its placeholder per data class (one table for all classes; see `StringMap`). */
  readonly #byIdentity = new StringMap<Assigned>();
  /** Placeholder and entry, in creation order. */
  readonly #entries: [string, VaultEntry][] = [];
  /** Placeholder → entry, indexed on the first lookup (minimizing never looks placeholders up). */
  readonly #byPlaceholder = new Map<string, VaultEntry>();
  /** Label → last number given. */
  readonly #counters = new Map<string, { n: number }>();

  /** The placeholder for `value` (created on first sight). */
  placeholderFor(value: string, dataClass: string, label: string): string {
    const identity = identityOf(value, dataClass);
    const first = this.#byIdentity.get(identity);
    let last: Assigned | undefined;
    for (let at = first; at !== undefined; at = at.next) {
      if (at.dataClass === dataClass) return at.placeholder;
      last = at;
    }
    let counter = this.#counters.get(label);
    if (counter === undefined) {
      counter = { n: 0 };
      this.#counters.set(label, counter);
    }
    const placeholder = `<${label}_${++counter.n}>`;
    const assigned: Assigned = { dataClass, placeholder, next: undefined };
    if (last === undefined) this.#byIdentity.set(identity, assigned);
    else last.next = assigned;
    this.#entries.push([placeholder, { value, dataClass }]);
    return placeholder;
  }

  /** The real value behind a placeholder, or undefined for an unknown one. */
  lookup(placeholder: string): VaultEntry | undefined {
    const index = this.#byPlaceholder;
    for (let i = index.size; i < this.#entries.length; i++) {
      const [key, entry] = this.#entries[i]!;
      index.set(key, entry);
    }
    return index.get(placeholder);
  }

  /** Number of placeholders held. */
  get size(): number {
    return this.#entries.length;
  }

  /** Placeholder → entry pairs, in creation order. */
  entries(): IterableIterator<[string, VaultEntry]> {
    return this.#entries.values();
  }

  /** Forgets every value (called when the run ends). */
  clear(): void {
    this.#byIdentity.clear();
    this.#entries.length = 0;
    this.#byPlaceholder.clear();
    this.#counters.clear();
  }
}
