import { ValidationError } from '@baton/core/contracts';
import type { z } from 'zod';

type Segment = { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'wildcard' };

interface PathNode {
  terminal: boolean;
  children: Map<string, { segment: Segment; node: PathNode }>;
}

const SEGMENT =
  /\.([A-Za-z_$][\w$-]*)|\.\*|\[\*\]|\[(\d+)\]|\[(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\]/y;

/** Parses `$.items[*].title`, `$['a b'][0]`, `$.meta.*` into segments; throws ValidationError naming the path. */
export function parseJsonPath(path: string): Segment[] {
  if (!path.startsWith('$')) throw new ValidationError(`JSON path '${path}' must start with '$'`);
  const segments: Segment[] = [];
  let at = 1;
  while (at < path.length) {
    SEGMENT.lastIndex = at;
    const m = SEGMENT.exec(path);
    if (m === null)
      throw new ValidationError(
        `JSON path '${path}' is not supported at position ${at} (use .key, ['key'], [n], [*] or .*)`,
      );
    if (m[0] === '.*' || m[0] === '[*]') segments.push({ kind: 'wildcard' });
    else if (m[1] !== undefined) segments.push({ kind: 'key', key: m[1] });
    else if (m[2] !== undefined) segments.push({ kind: 'index', index: Number(m[2]) });
    else segments.push({ kind: 'key', key: (m[3] ?? m[4] ?? '').replace(/\\(.)/g, '$1') });
    at = SEGMENT.lastIndex;
  }
  return segments;
}

function buildTree(paths: readonly string[]): PathNode {
  const root: PathNode = { terminal: false, children: new Map() };
  for (const path of paths) {
    let node = root;
    for (const segment of parseJsonPath(path)) {
      const id =
        segment.kind === 'key' ? `k:${segment.key}` : segment.kind === 'index' ? `i:${segment.index}` : '*';
      let child = node.children.get(id);
      if (!child) {
        child = { segment, node: { terminal: false, children: new Map() } };
        node.children.set(id, child);
      }
      node = child.node;
    }
    node.terminal = true;
  }
  return root;
}

const MISSING = Symbol('missing');

function project(value: unknown, node: PathNode): unknown {
  if (node.terminal) return value;
  if (value === null || typeof value !== 'object') return MISSING;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      let merged: unknown = MISSING;
      for (const { segment, node: child } of node.children.values()) {
        if (segment.kind === 'wildcard' || (segment.kind === 'index' && segment.index === i))
          merged = merge(merged, project(value[i], child));
      }
      if (merged !== MISSING) out.push(merged);
    }
    return out.length > 0 ? out : MISSING;
  }
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  let any = false;
  for (const key of Object.keys(record)) {
    let merged: unknown = MISSING;
    for (const { segment, node: child } of node.children.values()) {
      if (segment.kind === 'wildcard' || (segment.kind === 'key' && segment.key === key))
        merged = merge(merged, project(record[key], child));
    }
    if (merged !== MISSING) {
      out[key] = merged;
      any = true;
    }
  }
  return any ? out : MISSING;
}

function merge(a: unknown, b: unknown): unknown {
  if (a === MISSING) return b;
  if (b === MISSING) return a;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length >= b.length
      ? a.map((x, i) => merge(x, b[i] ?? MISSING))
      : b.map((x, i) => merge(a[i] ?? MISSING, x));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
    for (const [k, v] of Object.entries(b)) out[k] = merge(out[k] ?? MISSING, v);
    return out;
  }
  return b;
}

/** Declared fields of a tool's output: a zod schema (unknown keys stripped) or JSON-path allowlist. */
export type OutputProjection = z.ZodType | readonly string[];

/**
 * Keeps only the declared fields of a tool's output before it reaches the model.
 * With a zod schema the output is parsed (object schemas strip undeclared keys); a
 * mismatch throws ValidationError with the issues. With JSON paths (`$.items[*].title`)
 * everything not on a path is removed; a path that matches nothing contributes nothing.
 */
export function projectToolOutput(output: unknown, schemaOrPaths: OutputProjection): unknown {
  if (Array.isArray(schemaOrPaths)) {
    const projected = project(output, compiledTree(schemaOrPaths as readonly string[]));
    return projected === MISSING
      ? Array.isArray(output)
        ? []
        : output !== null && typeof output === 'object'
          ? {}
          : null
      : projected;
  }
  const schema = schemaOrPaths as z.ZodType;
  const parsed = schema.safeParse(output);
  if (!parsed.success)
    throw new ValidationError(
      `tool output does not match its declared schema: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
      parsed.error.issues.map((i) => ({
        path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
        message: i.message,
      })),
    );
  return parsed.data;
}

const trees = new WeakMap<readonly string[], PathNode>();
function compiledTree(paths: readonly string[]): PathNode {
  let tree = trees.get(paths);
  if (!tree) {
    tree = buildTree(paths);
    trees.set(paths, tree);
  }
  return tree;
}
