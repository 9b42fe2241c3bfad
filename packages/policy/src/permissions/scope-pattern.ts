import { ValidationError } from '@baton/core/contracts';

/** One segment of a grant's scope pattern. */
export type PatternSegment =
  /** `**`: zero or more whole segments. */
  | { readonly kind: 'globstar'; readonly text: '**' }
  /** No `*`: matches exactly this segment (case-sensitive). */
  | { readonly kind: 'literal'; readonly text: string }
  /** Contains `*`: each `*` matches any run of characters except `/`; `parts` are the literal pieces between. */
  | { readonly kind: 'glob'; readonly text: string; readonly parts: readonly string[] };

/** A grant's scope, compiled: absolute or relative, and its non-empty segments. */
export interface ScopePattern {
  readonly absolute: boolean;
  readonly segments: readonly PatternSegment[];
}

/** A request scope after normalization: absolute or relative, and its segments (none empty, `.` or `..`). */
export interface ScopePath {
  readonly absolute: boolean;
  readonly segments: readonly string[];
}

const GLOBSTAR: PatternSegment = Object.freeze({ kind: 'globstar', text: '**' });

/** Why a grant's scope is not a valid pattern, or undefined. Grants are used as written: no `..`, no `%`. */
export function scopePatternProblem(scope: string): string | undefined {
  if (scope.includes('..'))
    return `grant scope '${scope}' contains '..' (grants are used as written; name the path itself)`;
  if (scope.includes('%'))
    return `grant scope '${scope}' contains '%' (grants are used as written, never percent-encoded)`;
  return undefined;
}

/**
 * Compiles a grant's scope: `/`-separated segments (empty ones ignored), absolute when it
 * starts with `/`; a `**` segment matches zero or more segments, `*` inside a segment any
 * run of characters except `/`, everything else is literal. Throws `ValidationError` for
 * `..` or `%`.
 */
export function compileScopePattern(scope: string): ScopePattern {
  const problem = scopePatternProblem(scope);
  if (problem !== undefined) {
    throw new ValidationError(`invalid capability: ${problem}`, [{ path: ['scope'], message: problem }]);
  }
  const segments: PatternSegment[] = [];
  for (const text of scope.split('/')) {
    if (text === '') continue;
    segments.push(segmentOf(text));
  }
  return Object.freeze({ absolute: scope.startsWith('/'), segments: Object.freeze(segments) });
}

/** Builds a pattern segment from its text. */
export function segmentOf(text: string): PatternSegment {
  if (text === '**') return GLOBSTAR;
  if (!text.includes('*')) return Object.freeze({ kind: 'literal', text });
  return Object.freeze({ kind: 'glob', text, parts: Object.freeze(text.split('*')) });
}

/** Writes a pattern back as scope text (a relative pattern without segments has no text: ''). */
export function formatScopePattern(pattern: ScopePattern): string {
  const body = pattern.segments.map((segment) => segment.text).join('/');
  return pattern.absolute ? `/${body}` : body;
}

/** Whether a normalized request path matches a grant's scope pattern. */
export function matchScopePattern(pattern: ScopePattern, path: ScopePath): boolean {
  if (pattern.absolute !== path.absolute) return false;
  const tokens = pattern.segments;
  const names = path.segments;
  // Wildcard matching with `**` as the star over segments; other tokens match one segment.
  // Keeping only the last `**` to backtrack to is enough because a later `**` can absorb
  // anything an earlier one could.
  let t = 0;
  let n = 0;
  let starT = -1;
  let starN = 0;
  while (n < names.length) {
    const token = tokens[t];
    if (token !== undefined && token.kind === 'globstar') {
      starT = t++;
      starN = n;
    } else if (token !== undefined && matchSegment(token, names[n]!)) {
      t++;
      n++;
    } else if (starT >= 0) {
      t = starT + 1;
      n = ++starN;
    } else {
      return false;
    }
  }
  while (t < tokens.length && tokens[t]!.kind === 'globstar') t++;
  return t === tokens.length;
}

/** Whether one pattern segment (not `**`) matches one request segment. */
export function matchSegment(segment: PatternSegment, name: string): boolean {
  if (segment.kind === 'literal') return segment.text === name;
  if (segment.kind === 'globstar') return true;
  const parts = segment.parts;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (name.length < first.length + last.length || !name.startsWith(first) || !name.endsWith(last))
    return false;
  // Leftmost placement of each middle piece is optimal for `*`-only globs.
  let position = first.length;
  const end = name.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i]!;
    const found = name.indexOf(part, position);
    if (found < 0 || found + part.length > end) return false;
    position = found + part.length;
  }
  return true;
}
