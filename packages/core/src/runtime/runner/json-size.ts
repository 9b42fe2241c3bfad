/** Size of a value's JSON text (`JSON.stringify(value)`): UTF-16 code units and UTF-8 bytes. */
export interface JsonSize {
  chars: number;
  bytes: number;
}

// Strings JSON.stringify writes unchanged between quotes, in one byte per character:
// printable ASCII other than the quote and the backslash.
const plainAscii = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

const objectProto = Object.prototype;
const arrayProto = Array.prototype;
const hasOwn = Object.prototype.hasOwnProperty;

// Thrown inside the walk when a value is not plain data; `jsonSize` then measures the native text.
const notPlain: unique symbol = Symbol('not plain');

// Deeper than this is either unusual or a cycle: let JSON.stringify decide (and throw).
const maxDepth = 64;

// Running totals of one walk (the walk is synchronous and never re-entered).
let chars = 0;
let bytes = 0;

function addText(text: string): void {
  chars += text.length;
  bytes += Buffer.byteLength(text);
}

// Whether a short string is plain ASCII (as `plainAscii`): a loop the JIT inlines beats a
// regex call for keys and short values, the bulk of a request's strings.
function shortPlainAscii(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return false;
  }
  return true;
}

function addString(value: string): void {
  if (value.length <= 32 ? shortPlainAscii(value) : plainAscii.test(value)) {
    chars += value.length + 2;
    bytes += value.length + 2;
  } else {
    addText(JSON.stringify(value));
  }
}

/** Adds the JSON of `value`; false when JSON.stringify would omit it (undefined, function, symbol). */
function add(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
      addString(value);
      return true;
    case 'number': {
      const length = Number.isFinite(value) ? String(value).length : 4;
      chars += length;
      bytes += length;
      return true;
    }
    case 'boolean':
      chars += value ? 4 : 5;
      bytes += value ? 4 : 5;
      return true;
    case 'undefined':
    case 'function':
    case 'symbol':
      return false;
    case 'object': {
      if (value === null) {
        chars += 4;
        bytes += 4;
        return true;
      }
      if (depth > maxDepth) throw notPlain;
      const isArray = Array.isArray(value);
      const proto = Object.getPrototypeOf(value);
      if (isArray && proto === arrayProto) {
        const items = value as unknown[];
        const n = items.length;
        // Brackets and the commas between items.
        const frame = n === 0 ? 2 : n + 1;
        chars += frame;
        bytes += frame;
        for (let i = 0; i < n; i++) {
          if (!add(items[i], depth + 1)) {
            chars += 4;
            bytes += 4;
          }
        }
        return true;
      }
      if (proto !== objectProto && proto !== null) throw notPlain;
      const record = value as Record<string, unknown>;
      if ('toJSON' in record) throw notPlain;
      let count = 0;
      for (const key in record) {
        if (!hasOwn.call(record, key)) continue;
        const beforeChars = chars;
        const beforeBytes = bytes;
        addString(key);
        if (add(record[key], depth + 1)) {
          count++;
        } else {
          chars = beforeChars;
          bytes = beforeBytes;
        }
      }
      // Braces, one colon per member and the commas between members.
      const frame = count === 0 ? 2 : 2 * count + 1;
      chars += frame;
      bytes += frame;
      return true;
    }
    default:
      // bigint: JSON.stringify throws its own TypeError.
      throw notPlain;
  }
}

/**
 * The length of `JSON.stringify(value)` in UTF-16 code units and in UTF-8 bytes, without
 * building the text for plain data (plain objects, arrays, strings, numbers, booleans, null):
 * a model call needs only these two numbers unless an egress monitor reads the text.
 * Anything else (class instances, `toJSON`, bigint, very deep or cyclic data) is measured on
 * `JSON.stringify`'s own output, errors included.
 */
export function jsonSize(value: unknown): JsonSize {
  chars = 0;
  bytes = 0;
  try {
    if (add(value, 0)) return { chars, bytes };
  } catch (error) {
    if (error !== notPlain) throw error;
  }
  const text: string | undefined = JSON.stringify(value);
  return text === undefined ? { chars: 0, bytes: 0 } : { chars: text.length, bytes: Buffer.byteLength(text) };
}
