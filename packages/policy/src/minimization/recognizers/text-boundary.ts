/** Whether the code unit is an ASCII letter, digit or underscore. */
export function isWordCode(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95
  );
}

/** Whether the code unit is an ASCII digit. */
export function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Escapes a literal for use inside a RegExp. */
export function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Makes the letters of a regex source match either case (Node 20 has no inline `(?i:)`). */
export function caseInsensitive(source: string): string {
  return source.replace(/\p{L}/gu, (ch) => {
    const upper = ch.toUpperCase();
    const lower = ch.toLowerCase();
    return upper === lower || upper.length !== 1 ? ch : `[${upper}${lower}]`;
  });
}
