import type { JsonSchema } from '@baton/core/contracts';

/** A JSON Schema node as the filler reads it (only the keywords it understands). */
export interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode | SchemaNode[];
  prefixItems?: SchemaNode[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  $ref?: string;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  multipleOf?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  description?: string;
  title?: string;
  additionalProperties?: boolean | SchemaNode;
}

/**
 * Resolves `$ref` (local `#/$defs/…`, `#/definitions/…`, `#`), merges `allOf`, and picks
 * the first non-null branch of `anyOf`/`oneOf` and of a `type` array, so the filler sees
 * one concrete node.
 */
export function resolveNode(node: SchemaNode | undefined, root: JsonSchema, depth = 0): SchemaNode {
  if (!node || typeof node !== 'object' || depth > 16) return {};
  let current = node;
  if (typeof current.$ref === 'string') {
    const { $ref, ...rest } = current;
    current = { ...resolveNode(lookup(root, $ref), root, depth + 1), ...rest };
  }
  if (Array.isArray(current.allOf) && current.allOf.length > 0) {
    const { allOf, ...rest } = current;
    const merged: SchemaNode = {};
    for (const part of allOf) {
      const resolved = resolveNode(part, root, depth + 1);
      Object.assign(merged, resolved, {
        properties: { ...merged.properties, ...resolved.properties },
        required: [...(merged.required ?? []), ...(resolved.required ?? [])],
      });
    }
    current = { ...merged, ...rest };
  }
  const branches = current.anyOf ?? current.oneOf;
  if (Array.isArray(branches) && branches.length > 0) {
    const { anyOf: _anyOf, oneOf: _oneOf, ...rest } = current;
    const chosen =
      branches.find((branch) => resolveNode(branch, root, depth + 1).type !== 'null') ?? branches[0]!;
    current = { ...rest, ...resolveNode(chosen, root, depth + 1) };
  }
  if (Array.isArray(current.type)) {
    current = { ...current, type: current.type.find((type) => type !== 'null') ?? 'null' };
  }
  return current;
}

function lookup(root: JsonSchema, ref: string): SchemaNode | undefined {
  if (ref === '#') return root as SchemaNode;
  if (!ref.startsWith('#/')) return undefined;
  let value: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value as SchemaNode | undefined;
}

/** The node's type, inferred from `properties`/`items`/`enum` when `type` is missing. */
export function nodeType(node: SchemaNode): string | undefined {
  if (typeof node.type === 'string') return node.type;
  if (node.properties) return 'object';
  if (node.items || node.prefixItems) return 'array';
  if (node.enum && node.enum.length > 0) return typeof node.enum[0] === 'number' ? 'number' : 'string';
  return undefined;
}

/** Clamps a number into the node's bounds (and to an integer / multipleOf when asked). */
export function fitNumber(value: number, node: SchemaNode, integer: boolean): number {
  let result = Number.isFinite(value) ? value : 0;
  const step = integer ? 1 : 0.000001;
  const exclusiveMinimum = typeof node.exclusiveMinimum === 'number' ? node.exclusiveMinimum : undefined;
  const exclusiveMaximum = typeof node.exclusiveMaximum === 'number' ? node.exclusiveMaximum : undefined;
  if (node.minimum !== undefined && result < node.minimum) result = node.minimum;
  if (exclusiveMinimum !== undefined && result <= exclusiveMinimum) result = exclusiveMinimum + step;
  if (node.maximum !== undefined && result > node.maximum) result = node.maximum;
  if (exclusiveMaximum !== undefined && result >= exclusiveMaximum) result = exclusiveMaximum - step;
  if (integer) result = Math.round(result);
  if (integer && node.minimum !== undefined && result < node.minimum) result = Math.ceil(node.minimum);
  if (integer && node.maximum !== undefined && result > node.maximum) result = Math.floor(node.maximum);
  if (node.multipleOf && node.multipleOf > 0) {
    const multiple = Math.round(result / node.multipleOf) * node.multipleOf;
    result = Number(multiple.toFixed(10));
  }
  return result;
}

/** Fits a string into `minLength`/`maxLength` (and tries `pattern` candidates first). */
export function fitString(value: string, node: SchemaNode, candidates: readonly string[] = []): string {
  let result = value;
  if (node.pattern) {
    const pattern = safeRegExp(node.pattern);
    if (pattern && !pattern.test(result)) {
      const match = candidates.find((candidate) => pattern.test(candidate));
      if (match !== undefined) result = match;
    }
  }
  if (node.maxLength !== undefined && [...result].length > node.maxLength) {
    result = [...result].slice(0, node.maxLength).join('').trimEnd();
    if (node.minLength !== undefined && [...result].length < node.minLength)
      result = [...value].slice(0, node.maxLength).join('');
  }
  if (node.minLength !== undefined && [...result].length < node.minLength) {
    result = result.padEnd(node.minLength, result.length > 0 ? '.' : '-');
  }
  return result;
}

function safeRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}

/** A placeholder that satisfies a string `format` when the input holds no real value for it. */
export function formatFallback(format: string | undefined): string | undefined {
  switch (format) {
    case 'email':
    case 'idn-email':
      return 'unknown@example.com';
    case 'uri':
    case 'url':
    case 'iri':
      return 'https://example.com/';
    case 'date-time':
      return '1970-01-01T00:00:00Z';
    case 'date':
      return '1970-01-01';
    case 'time':
      return '00:00:00Z';
    case 'uuid':
      return '00000000-0000-4000-8000-000000000000';
    case 'ipv4':
      return '127.0.0.1';
    case 'ipv6':
      return '::1';
    case 'hostname':
      return 'example.com';
    default:
      return undefined;
  }
}
