/** Value of each base64url character (-1: not base64url). */
const BASE64URL = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++)
  BASE64URL['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.charCodeAt(i)] = i;

/** Reused by `decodeBase64Url` for headers that decode to ASCII (no Buffer per candidate). */
const codes: number[] = [];

/** Decodes one base64url segment to text, or undefined when it is not base64url. */
export function decodeBase64Url(segment: string): string | undefined {
  const n = segment.length;
  if (n === 0 || n % 4 === 1) return undefined;
  // Decoded by hand: JWT candidates are many and short, and their headers are ASCII JSON.
  if (codes.length !== 0) codes.length = 0;
  let bits = 0;
  let count = 0;
  let ascii = true;
  for (let i = 0; i < n; i++) {
    const c = segment.charCodeAt(i);
    const v = c < 128 ? BASE64URL[c]! : -1;
    if (v < 0) return undefined;
    bits = ((bits << 6) | v) & 0xffffff;
    count += 6;
    if (count >= 8) {
      count -= 8;
      const byte = (bits >> count) & 0xff;
      if (byte >= 0x80) ascii = false;
      codes.push(byte);
    }
  }
  if (!ascii) return Buffer.from(segment, 'base64url').toString('utf8');
  return String.fromCharCode.apply(null, codes);
}

/**
 * Whether `token` is a JWS compact serialization: a base64url JSON header with an `alg`
 * string, a base64url payload, and a (possibly empty, for `alg: none`) signature.
 * @see https://www.rfc-editor.org/rfc/rfc7515#section-7.1
 */
export function jwtCheck(token: string): boolean {
  const first = token.indexOf('.');
  const second = token.indexOf('.', first + 1);
  if (first <= 0 || second <= first + 1) return false;
  const header = decodeBase64Url(token.slice(0, first));
  if (header === undefined) return false;
  try {
    const parsed: unknown = JSON.parse(header);
    return (
      typeof parsed === 'object' && parsed !== null && typeof (parsed as { alg?: unknown }).alg === 'string'
    );
  } catch {
    return false;
  }
}
