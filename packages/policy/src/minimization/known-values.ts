import { joinsAfter, joinsBefore } from './recognizers/text-boundary.js';

/** A sensitive value already detected in this run, and where it was matched. */
export interface KnownOccurrence {
  start: number;
  end: number;
  value: string;
  dataClass: string;
}

const MIN_LENGTH = 3;
const NEEDS_JSON_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * The sensitive values a run has detected so far, matched anywhere they appear again as a
 * whole token: a name found once from context ("Ms Okafor") is also replaced where it stands
 * without context ("Okafor (chair)"), and the egress monitor finds values in the JSON-escaped
 * wire form too. Matching is one left-to-right pass: only token starts whose first two
 * characters begin some value are compared (a literal regex alternation is several times slower).
 */
export class KnownValues {
  readonly #forms = new Map<string, { value: string; dataClass: string }>();
  /** First two UTF-16 units → forms starting with them, longest first. */
  readonly #byPair = new Map<number, string[]>();
  readonly #asciiFirst = new Uint8Array(128);
  readonly #otherFirst = new Set<number>();
  /** 1 where an ASCII pair (first * 128 + second) begins some form: most token starts stop here, before the Map. */
  readonly #asciiPair = new Uint8Array(128 * 128);
  /** Bumped whenever a value is added (caches keyed on it go stale). */
  generation = 0;

  /** Registers a value; returns false when it was known already or is too short to match safely. */
  add(value: string, dataClass: string): boolean {
    if (value.length < MIN_LENGTH || this.#forms.has(value)) return false;
    this.#index(value, { value, dataClass });
    // Only quotes, backslashes, control characters and lone surrogates change in JSON.
    const escaped = NEEDS_JSON_ESCAPE.test(value) ? JSON.stringify(value).slice(1, -1) : value;
    if (escaped !== value && !this.#forms.has(escaped)) this.#index(escaped, { value, dataClass });
    this.generation++;
    return true;
  }

  /** Number of matchable forms (a value and, when different, its JSON-escaped form). */
  get size(): number {
    return this.#forms.size;
  }

  /** Every occurrence of a known value in `text`, left to right, non-overlapping (longest first). */
  occurrences(text: string): KnownOccurrence[] {
    const out: KnownOccurrence[] = [];
    if (this.#forms.size === 0) return out;
    const n = text.length - (MIN_LENGTH - 1);
    // Fields read once: the loop below runs for every character of a request body. Each
    // character costs one table lookup unless it can begin a value; then the next one must
    // too (a second table), and only then is the token boundary checked and the Map read.
    const asciiFirst = this.#asciiFirst;
    const asciiPair = this.#asciiPair;
    const otherFirst = this.#otherFirst;
    const byPair = this.#byPair;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      const next =
        c < 128
          ? asciiFirst[c] === 0
            ? -1
            : text.charCodeAt(i + 1)
          : otherFirst.has(c)
            ? text.charCodeAt(i + 1)
            : -1;
      if (next < 0) continue;
      if (c < 128 && next < 128 && asciiPair[(c << 7) | next] === 0) continue;
      if (joinsBefore(text, i)) continue;
      const forms = byPair.get(c * 65536 + next);
      if (forms === undefined) continue;
      for (const form of forms) {
        if (!text.startsWith(form, i) || joinsAfter(text, i + form.length)) continue;
        const entry = this.#forms.get(form)!;
        out.push({ start: i, end: i + form.length, value: entry.value, dataClass: entry.dataClass });
        i += form.length - 1;
        break;
      }
    }
    return out;
  }

  clear(): void {
    this.#forms.clear();
    this.#byPair.clear();
    this.#asciiFirst.fill(0);
    this.#asciiPair.fill(0);
    this.#otherFirst.clear();
    this.generation++;
  }

  #index(form: string, entry: { value: string; dataClass: string }): void {
    this.#forms.set(form, entry);
    const c = form.charCodeAt(0);
    if (c < 128) this.#asciiFirst[c] = 1;
    else this.#otherFirst.add(c);
    const second = form.charCodeAt(1);
    if (c < 128 && second < 128) this.#asciiPair[(c << 7) | second] = 1;
    const key = c * 65536 + second;
    const list = this.#byPair.get(key) ?? [];
    list.push(form);
    list.sort((a, b) => b.length - a.length);
    this.#byPair.set(key, list);
  }
}
