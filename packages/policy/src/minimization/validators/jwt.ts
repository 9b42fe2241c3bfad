/** Decodes one base64url segment to text, or undefined when it is not base64url. */
export function decodeBase64Url(segment: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(segment) || segment.length % 4 === 1) return undefined;
  return Buffer.from(segment, 'base64url').toString('utf8');
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
