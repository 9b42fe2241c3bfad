const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Pushes every string value of `value` onto `out` (and its object keys onto `keys`, when
 * given), in the order `JSON.stringify` writes them, and returns true — or returns false as soon as the value
 * holds something whose JSON form is not its own fields (a `toJSON` method, a class
 * instance, a Map), where only parsing the serialized text gives the strings actually sent.
 * The egress monitor uses it to read a request's strings without parsing its JSON back.
 */
export function collectJsonStrings(
  value: unknown,
  out: { push(value: string): unknown },
  keys?: { push(value: string): unknown },
  depth = 0,
): boolean {
  if (typeof value === 'string') {
    out.push(value);
    return true;
  }
  if (value === null || typeof value !== 'object') return true;
  if (depth > 64) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++)
      if (!collectJsonStrings(value[i], out, keys, depth + 1)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const record = value as Record<string, unknown>;
  if (typeof record.toJSON === 'function') return false;
  // `for…in` over a plain object (its prototype was checked above) visits its own keys in
  // `Object.keys` order without allocating the keys array.
  for (const key in record) {
    if (!hasOwn.call(record, key)) continue;
    const item = record[key];
    // JSON.stringify leaves out these fields altogether, keys included.
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    keys?.push(key);
    if (!collectJsonStrings(item, out, keys, depth + 1)) return false;
  }
  return true;
}

/**
 * Strings gathered call after call into the same storage: emptying an array with
 * `length = 0` gives its storage back, so the next call would allocate it again.
 */
export class StringScratch {
  readonly items: string[] = [];
  length = 0;

  push(value: string): void {
    this.items[this.length++] = value;
  }

  /** Forgets the strings (they may be a request's personal data) and keeps the storage. */
  clear(): void {
    const items = this.items;
    for (let i = 0; i < this.length; i++) items[i] = '';
    this.length = 0;
  }
}
