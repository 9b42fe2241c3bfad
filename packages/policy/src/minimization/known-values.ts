import { joinsAfter, joinsBefore } from './recognizers/text-boundary.js';

/** A sensitive value already detected in this run, and where it was matched. */
export interface KnownOccurrence {
  start: number;
  end: number;
  value: string;
  dataClass: string;
}

/** One matchable form: a value, or its JSON-escaped spelling. */
interface Form {
  form: string;
  value: string;
  dataClass: string;
  /** An escaped form that was also detected as a value of its own (see `register`). */
  detected?: boolean;
}

const MIN_LENGTH = 3;
const NEEDS_JSON_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const NONE: readonly KnownOccurrence[] = Object.freeze([]);
/** The scan window never exceeds this many code units (bounds the shift table's rebuild). */
const MAX_WINDOW = 32;
const TABLE_BITS = 12;
const TABLE_MASK = (1 << TABLE_BITS) - 1;
/** Buckets of forms by first pair: fewer than shift entries (a fresh array per run; a shared bucket only costs a last-unit compare). */
const BUCKET_MASK = (1 << 7) - 1;

/** Hash of two adjacent code units into the shift and pair tables. */
function pairHash(a: number, b: number): number {
  return ((a << 5) ^ b) & TABLE_MASK;
}

/** Keys this long are not hashed by `StringMap` (V8 hashes every code unit of each new string). */
const LONG_KEY = 32;
/** Long keys per bucket before further ones with the same fingerprint go to a hashed `Map`. */
const BUCKET_KEYS = 4;

/** Bucket of a long key: its length and six code units (first two, quarters, last), mixed. */
function fingerprint(key: string): number {
  const n = key.length;
  const q = n >> 2;
  return (
    (Math.imul(n, 0x9e3779b1) ^
      Math.imul(key.charCodeAt(0) | (key.charCodeAt(1) << 16), 0x85ebca6b) ^
      Math.imul(key.charCodeAt(q) | (key.charCodeAt(n - q) << 16), 0xc2b2ae35) ^
      Math.imul(key.charCodeAt(n >> 1) | (key.charCodeAt(n - 1) << 16), 0x27d4eb2f)) |
    0
  );
}

/**
 * A string-keyed map that does not hash long keys: keys shorter than 32 code units live in a
 * `Map`, longer ones (private keys and tokens, whole message texts) in buckets by length and
 * six sampled code units, compared with `===` (a native block compare). A `Map` hashes every
 * code unit of each new key string — each value the vault keys on is a new slice, each minimized text a
 * new string — and that hashing was a large part of a fresh model call's cost. A bucket holds at
 * most four keys; further keys with the same fingerprint go to a hashed `Map`, so look-alike
 * keys cost at most four compares.
 */
export class StringMap<V> {
  readonly #short = new Map<string, V>();
  /** Fingerprint → keys and values, alternating (created with the first long key). */
  #long: Map<number, unknown[]> | undefined;
  #longCount = 0;
  /** Long keys whose bucket was full. */
  #overflow: Map<string, V> | undefined;

  get(key: string): V | undefined {
    if (key.length < LONG_KEY) return this.#short.get(key);
    const bucket = this.#long?.get(fingerprint(key));
    if (bucket === undefined) return undefined;
    for (let i = 0; i < bucket.length; i += 2) if (bucket[i] === key) return bucket[i + 1] as V;
    return bucket.length === 2 * BUCKET_KEYS ? this.#overflow?.get(key) : undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Sets `key` to `value` (`value` must not be undefined). */
  set(key: string, value: V): void {
    if (key.length < LONG_KEY) {
      this.#short.set(key, value);
      return;
    }
    const hash = fingerprint(key);
    this.#long ??= new Map();
    const bucket = this.#long.get(hash);
    if (bucket === undefined) {
      this.#long.set(hash, [key, value]);
      this.#longCount++;
      return;
    }
    for (let i = 0; i < bucket.length; i += 2)
      if (bucket[i] === key) {
        bucket[i + 1] = value;
        return;
      }
    if (bucket.length < 2 * BUCKET_KEYS) {
      bucket.push(key, value);
      this.#longCount++;
    } else {
      this.#overflow ??= new Map();
      this.#overflow.set(key, value);
    }
  }

  get size(): number {
    return this.#short.size + this.#longCount + (this.#overflow?.size ?? 0);
  }

  clear(): void {
    this.#short.clear();
    this.#long = undefined;
    this.#longCount = 0;
    this.#overflow = undefined;
  }
}

/**
 * The sensitive values a run has detected so far, matched anywhere they appear again as a
 * whole token: a name found once from context ("Ms Okafor") is also replaced where it stands
 * without context ("Okafor (chair)"), and the egress monitor finds values in the JSON-escaped
 * wire form too.
 *
 * Matching is one left-to-right Wu–Manber pass: with `m` the shortest form's length (at most
 * 32), the scan reads the two code units ending each window of `m` and jumps ahead by how far
 * that pair sits from the end of every form's first `m` units — most windows of ordinary text
 * jump `m - 1` at once, so a body of several KB is read a few units in ten, not unit by unit
 * (a per-unit loop was the policy's largest cost after detection; a literal regex alternation
 * is slower still). Only where the pair ends some form's prefix is the start checked: first
 * pair's bucket, token boundary, then the bucket's forms, longest first.
 */
export class KnownValues {
  /**
   * Hash of the first two UTF-16 units → forms starting with such a pair, longest first; also
   * the membership index (no string hashing). Allocated with the first value.
   */
  #byPair: (Form[] | undefined)[] | undefined;
  #forms: Form[] = [];
  #minLength = Number.POSITIVE_INFINITY;
  /** Wu–Manber shifts; built on the first scan after a change (allocated only once values exist). */
  #shift: Uint8Array | undefined;
  #window = 0;
  #stale = true;
  /** Detected values too short to match (see `register`). */
  #shortValues: Set<string> | undefined;
  /** Bumped whenever a value is added (caches keyed on it go stale). */
  generation = 0;

  /** Registers a value; returns false when it was known already or is too short to match safely. */
  add(value: string, dataClass: string): boolean {
    if (value.length < MIN_LENGTH || this.#find(value) !== undefined) return false;
    this.#addNew(value, dataClass);
    return true;
  }

  /** `add` of a value of matchable length known to be absent. */
  #addNew(value: string, dataClass: string): void {
    this.#index({ form: value, value, dataClass });
    // Only quotes, backslashes, control characters and lone surrogates change in JSON.
    const escaped = NEEDS_JSON_ESCAPE.test(value) ? JSON.stringify(value).slice(1, -1) : value;
    if (escaped !== value && this.#find(escaped) === undefined)
      this.#index({ form: escaped, value, dataClass });
    this.generation++;
  }

  /**
   * Records `value` as detected in this run and registers it for matching; returns false when
   * it was detected before. The run's set of detected values lives here, in the pair buckets,
   * rather than in a `Map` beside them: no second index, and no hashing of each new value.
   */
  register(value: string, dataClass: string): boolean {
    if (value.length < MIN_LENGTH) {
      this.#shortValues ??= new Set();
      if (this.#shortValues.has(value)) return false;
      this.#shortValues.add(value);
      return true;
    }
    const found = this.#find(value);
    if (found === undefined) {
      this.#addNew(value, dataClass);
      return true;
    }
    if (found.form === found.value || found.detected === true) return false;
    // The JSON-escaped form of an earlier value: `add` keeps matching it as that value.
    found.detected = true;
    return true;
  }

  /** Number of matchable forms (a value and, when different, its JSON-escaped form). */
  get size(): number {
    return this.#forms.length;
  }

  /**
   * Every occurrence of a known value in `text`, left to right, non-overlapping (longest first).
   * Occurrences overlapping a span of `skip` (sorted by start, non-overlapping: a text's
   * detector findings) are matched as usual — the scan moves past them — but left out, so the
   * caller allocates nothing for values its findings already cover.
   */
  occurrences(text: string, skip?: readonly { start: number; end: number }[]): readonly KnownOccurrence[] {
    if (this.#forms.length === 0 || text.length < this.#minLength) return NONE;
    if (this.#stale) this.#rebuild();
    let out: KnownOccurrence[] | undefined;
    // Fields read once: the loop below runs over every request body.
    const shift = this.#shift!;
    const byPair = this.#byPair!;
    const m = this.#window;
    const length = text.length;
    let s = 0; // first span of `skip` that may still overlap
    let j = m - 1;
    while (j < length) {
      const jump = shift[pairHash(text.charCodeAt(j - 1), text.charCodeAt(j))]!;
      if (jump !== 0) {
        j += jump;
        continue;
      }
      // Some form's first `m` units may start here.
      const i = j - m + 1;
      const c = text.charCodeAt(i);
      const next = text.charCodeAt(i + 1);
      let end = -1;
      const forms = byPair[pairHash(c, next) & BUCKET_MASK];
      if (forms !== undefined && !joinsBefore(text, i)) {
        for (const form of forms) {
          const f = form.form;
          const to = i + f.length;
          // `slice` + `===` compares natively a block at a time; `startsWith` reads a two-byte
          // text one code unit at a time (most of the scan's cost, with values of hundreds of
          // units). The last unit first: a wrong candidate costs no slice.
          if (
            to > length ||
            text.charCodeAt(to - 1) !== f.charCodeAt(f.length - 1) ||
            text.slice(i, to) !== f ||
            joinsAfter(text, to)
          )
            continue;
          end = to;
          if (skip !== undefined) {
            while (s < skip.length && skip[s]!.end <= i) s++;
            if (s < skip.length && skip[s]!.start < to) break;
          }
          out ??= [];
          out.push({ start: i, end: to, value: form.value, dataClass: form.dataClass });
          break;
        }
      }
      j = end < 0 ? j + 1 : end + m - 1;
    }
    return out ?? NONE;
  }

  clear(): void {
    this.#shortValues = undefined;
    this.#byPair = undefined;
    this.#forms = [];
    this.#minLength = Number.POSITIVE_INFINITY;
    this.#stale = true;
    this.generation++;
  }

  #find(form: string): Form | undefined {
    const forms = this.#byPair?.[pairHash(form.charCodeAt(0), form.charCodeAt(1)) & BUCKET_MASK];
    if (forms !== undefined) for (const f of forms) if (f.form === form) return f;
    return undefined;
  }

  #index(entry: Form): void {
    const { form } = entry;
    this.#forms.push(entry);
    if (form.length < this.#minLength) this.#minLength = form.length;
    this.#byPair ??= new Array<Form[] | undefined>(BUCKET_MASK + 1);
    const h = pairHash(form.charCodeAt(0), form.charCodeAt(1)) & BUCKET_MASK;
    const list = this.#byPair[h];
    if (list === undefined) this.#byPair[h] = [entry];
    else {
      // Longest first, and after forms of the same length (the order values were added in).
      let at = list.length;
      list.push(entry);
      while (at > 0 && list[at - 1]!.form.length < form.length) {
        list[at] = list[at - 1]!;
        at--;
      }
      list[at] = entry;
    }
    this.#stale = true;
  }

  /** Shift table: for each pair inside a form's first `m` units, how far it sits from the prefix end. */
  #rebuild(): void {
    const m = Math.min(this.#minLength, MAX_WINDOW);
    this.#shift ??= new Uint8Array(1 << TABLE_BITS);
    const shift = this.#shift;
    shift.fill(m - 1);
    for (const { form } of this.#forms) {
      let previous = form.charCodeAt(0);
      for (let q = 1; q < m; q++) {
        const code = form.charCodeAt(q);
        const h = pairHash(previous, code);
        const distance = m - 1 - q;
        if (distance < shift[h]!) shift[h] = distance;
        previous = code;
      }
    }
    this.#window = m;
    this.#stale = false;
  }
}
