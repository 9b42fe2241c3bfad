import type { ScopePath } from './scope-pattern.js';

/** The outcome of normalizing an untrusted request scope. */
export type ScopeNormalization =
  | {
      readonly ok: true;
      readonly path: ScopePath;
      /** The path as text: `/a/b`, `/`, `a/b`, or `.` for the empty relative path. */
      readonly text: string;
    }
  | {
      readonly ok: false;
      /** Why the scope was denied before matching. */
      readonly reason: string;
    };

/** Percent-decoding rounds before a leftover `%XX` is denied. */
export const MAX_DECODE_ROUNDS = 3;

const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL = /\p{Cc}/u;
const NON_ASCII = /[^\x00-\x7F]/;
const STRAY_PERCENT = /%(?![0-9A-Fa-f]{2})/g;
// NFKC of single characters, memoized: the set of characters seen in paths is small.
const confusableCache = new Map<number, string | null>();

/**
 * Normalizes an untrusted request scope exactly as DESIGN.md's capability semantics say,
 * in this order:
 * 1. percent-decode until stable, at most 3 rounds; a `%XX` left after that, or bytes
 *    that are not valid UTF-8 (overlong forms, surrogates, lone surrogates), are denied;
 * 2. Unicode NFC;
 * 3. `\` becomes `/`;
 * 4. a control character (Unicode `Cc`, including NUL) is denied;
 * 5. a non-ASCII character whose NFKC form contains `/`, `\` or `.` is denied as a confusable;
 * 6. empty and `.` segments are dropped, `..` removes the previous segment; a `..` above
 *    the root is denied. A scope starting with `/` (after steps 1–3) is absolute.
 */
export function normalizeRequestScope(scope: string): ScopeNormalization {
  if (LONE_SURROGATE.test(scope)) return deny('scope is not valid UTF-8 (lone surrogate)');
  let text = scope;
  let rounds = 0;
  while (PERCENT_ESCAPE.test(text)) {
    if (rounds === MAX_DECODE_ROUNDS) {
      return deny(`scope still contains percent-encoding after ${MAX_DECODE_ROUNDS} decoding rounds`);
    }
    const decoded = percentDecode(text);
    if (decoded === undefined) return deny('scope is not valid UTF-8 after percent-decoding');
    text = decoded;
    rounds++;
  }
  text = text.normalize('NFC');
  if (text.includes('\\')) text = text.replaceAll('\\', '/');
  const control = CONTROL.exec(text);
  if (control !== null) return deny(`scope contains control character ${codePoint(control[0])}`);
  if (NON_ASCII.test(text)) {
    for (const character of text) {
      const code = character.codePointAt(0)!;
      if (code < 0x80) continue;
      const folded = confusable(code, character);
      if (folded !== null) {
        return deny(`scope contains confusable character ${codePoint(character)} (NFKC '${folded}')`);
      }
    }
  }
  const absolute = text.startsWith('/');
  const segments: string[] = [];
  for (const segment of text.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return deny("scope goes above the root with '..'");
      segments.pop();
      continue;
    }
    segments.push(segment);
  }
  const body = segments.join('/');
  return {
    ok: true,
    path: { absolute, segments },
    text: absolute ? `/${body}` : body === '' ? '.' : body,
  };
}

function deny(reason: string): ScopeNormalization {
  return { ok: false, reason };
}

/**
 * One round: every `%XX` becomes its byte and the bytes must be valid UTF-8 (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF), which is exactly what
 * `decodeURIComponent` enforces. A `%` not followed by two hex digits is literal, so it is
 * escaped first.
 */
function percentDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(STRAY_PERCENT, '%25'));
  } catch {
    return undefined;
  }
}

/** The NFKC form when it contains `/`, `\` or `.`, else null. */
function confusable(code: number, character: string): string | null {
  let folded = confusableCache.get(code);
  if (folded === undefined) {
    const nfkc = character.normalize('NFKC');
    folded = /[/\\.]/.test(nfkc) ? nfkc : null;
    if (confusableCache.size < 4096) confusableCache.set(code, folded);
  }
  return folded;
}

function codePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
