import { type PatternSegment, type ScopePattern, segmentOf } from './scope-pattern.js';

// Containment and intersection of grant scope patterns. Both must be SOUND: `contains`
// may answer false when unsure (the caller then narrows or drops), never true wrongly;
// `intersect` may return less than the exact intersection, never more.

/** Most patterns one intersection may produce; beyond that the rest is dropped (narrower, still sound). */
const MAX_PATTERNS = 16;

/** Whether every path `inner` matches is matched by `outer`. */
export function scopePatternContains(outer: ScopePattern, inner: ScopePattern): boolean {
  if (outer.absolute !== inner.absolute) return false;
  const tokens = outer.segments;
  const items = inner.segments;
  // Same last-star backtracking as matching: outer `**` absorbs any run of inner segments
  // (inner `**` included); any other outer segment absorbs exactly one inner segment that
  // is not `**` and that it contains.
  let t = 0;
  let n = 0;
  let starT = -1;
  let starN = 0;
  while (n < items.length) {
    const token = tokens[t];
    if (token !== undefined && token.kind === 'globstar') {
      starT = t++;
      starN = n;
    } else if (token !== undefined && items[n]!.kind !== 'globstar' && segmentContains(token, items[n]!)) {
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

/**
 * Whether every segment `inner` matches is matched by `outer` (neither is `**`). A `*` in
 * `outer` absorbs anything, including `inner`'s `*`; a literal character only itself. A
 * literal segment never contains `*`, so this is wildcard matching of `outer` against
 * `inner`'s text.
 */
export function segmentContains(outer: PatternSegment, inner: PatternSegment): boolean {
  if (outer.kind === 'literal') return inner.kind === 'literal' && inner.text === outer.text;
  return wildcardMatch(outer.text, inner.text);
}

/**
 * A sound intersection of two scope patterns, as a list of patterns whose union is
 * contained in both (usually exactly the intersection). Empty when they share nothing
 * representable.
 */
export function intersectScopePatterns(a: ScopePattern, b: ScopePattern): ScopePattern[] {
  if (a.absolute !== b.absolute) return [];
  if (scopePatternContains(b, a)) return [a];
  if (scopePatternContains(a, b)) return [b];
  const memo = new Map<number, PatternSegment[][]>();
  const width = b.segments.length + 1;
  const walk = (i: number, j: number): PatternSegment[][] => {
    const key = i * width + j;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    const out: PatternSegment[][] = [];
    const p = a.segments[i];
    const q = b.segments[j];
    const add = (head: PatternSegment | undefined, tails: PatternSegment[][]) => {
      for (const tail of tails) {
        if (out.length >= MAX_PATTERNS) return;
        out.push(head === undefined ? tail : [head, ...tail]);
      }
    };
    if (p === undefined && q === undefined) {
      out.push([]);
    } else if (p === undefined) {
      if (b.segments.slice(j).every((s) => s.kind === 'globstar')) out.push([]);
    } else if (q === undefined) {
      if (a.segments.slice(i).every((s) => s.kind === 'globstar')) out.push([]);
    } else if (p.kind === 'globstar' && q.kind === 'globstar') {
      // A path in both splits at p's `**` and at q's `**`; whichever split point comes first,
      // the path is `**` followed by a path in (rest of one) ∩ (`**` + rest of the other).
      add(p, walk(i + 1, j));
      add(p, walk(i, j + 1));
    } else if (p.kind === 'globstar') {
      add(undefined, walk(i + 1, j)); // p's `**` takes no segment
      add(q, walk(i, j + 1)); // p's `**` takes the segment q's head matches
    } else if (q.kind === 'globstar') {
      add(undefined, walk(i, j + 1));
      add(p, walk(i + 1, j));
    } else {
      const heads = intersectSegments(p, q);
      if (heads.length > 0) {
        const tails = walk(i + 1, j + 1);
        for (const head of heads) add(head, tails);
      }
    }
    memo.set(key, out);
    return out;
  };
  const candidates = walk(0, 0).map((segments) => ({ absolute: a.absolute, segments: collapse(segments) }));
  const result: ScopePattern[] = [];
  for (const candidate of candidates) {
    // A relative pattern without segments has no scope text; it cannot be written down.
    if (!candidate.absolute && candidate.segments.length === 0) continue;
    // The safety net: keep only what is provably inside both sides.
    if (!scopePatternContains(a, candidate) || !scopePatternContains(b, candidate)) continue;
    if (result.some((kept) => scopePatternContains(kept, candidate))) continue;
    for (let k = result.length - 1; k >= 0; k--) {
      if (scopePatternContains(candidate, result[k]!)) result.splice(k, 1);
    }
    result.push(candidate);
  }
  return result;
}

/** Segments whose union matches exactly what both `p` and `q` match (neither is `**`). */
function intersectSegments(p: PatternSegment, q: PatternSegment): PatternSegment[] {
  if (segmentContains(q, p)) return [p];
  if (segmentContains(p, q)) return [q];
  if (p.kind === 'literal' || q.kind === 'literal') return [];
  // Two globs: product construction over characters (`*` meets `*`, a character, or nothing).
  const a = p.text;
  const b = q.text;
  const memo = new Map<number, string[]>();
  const walk = (i: number, j: number): string[] => {
    const key = i * (b.length + 1) + j;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    const out: string[] = [];
    const add = (head: string, tails: string[]) => {
      for (const tail of tails) if (out.length < MAX_PATTERNS) out.push(head + tail);
    };
    const x = a[i];
    const y = b[j];
    if (x === undefined && y === undefined) out.push('');
    else if (x === undefined) {
      if ([...b.slice(j)].every((c) => c === '*')) out.push('');
    } else if (y === undefined) {
      if ([...a.slice(i)].every((c) => c === '*')) out.push('');
    } else if (x === '*' && y === '*') {
      add('*', walk(i + 1, j));
      add('*', walk(i, j + 1));
    } else if (x === '*') {
      add('', walk(i + 1, j));
      add(y, walk(i, j + 1));
    } else if (y === '*') {
      add('', walk(i, j + 1));
      add(x, walk(i + 1, j));
    } else if (x === y) {
      add(x, walk(i + 1, j + 1));
    }
    memo.set(key, out);
    return out;
  };
  const texts = new Set(walk(0, 0).map((text) => text.replace(/\*+/g, '*')));
  const result: PatternSegment[] = [];
  for (const text of texts) {
    // '' and '.' never match a normalized segment, and a grant may not contain '..':
    // leaving such a piece out is exact or narrower, never wider.
    if (text === '' || text === '**' || text === '.' || text.includes('..')) continue;
    const segment = segmentOf(text);
    if (!result.some((kept) => segmentContains(kept, segment))) result.push(segment);
  }
  return result;
}

/** `**` `**` matches the same as one `**`. */
function collapse(segments: PatternSegment[]): PatternSegment[] {
  return segments.filter(
    (segment, index) => !(segment.kind === 'globstar' && segments[index - 1]?.kind === 'globstar'),
  );
}

/** Classic `*` wildcard matching (`*` matches any run, including `*`). */
function wildcardMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] === '*') {
      starP = p++;
      starT = t;
    } else if (p < pattern.length && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}
