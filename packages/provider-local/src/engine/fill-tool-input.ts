import type { JsonSchema } from '@baton/core/contracts';
import { classifyText } from './classify-text.js';
import type { Evidence } from './find-evidence.js';
import {
  fitNumber,
  fitString,
  formatFallback,
  nodeType,
  resolveNode,
  type SchemaNode,
} from './json-schema-utilities.js';

/** What a tool's input is filled from. */
export interface ToolInputSource {
  /** The request text. */
  request: string;
  /** Values found in it. */
  evidence: Evidence;
  /** The request without politeness and tool words (see `salientPhrase`). */
  phrase: string;
  /** Values already given to another parameter (so two params get different values). */
  used: Set<string>;
}

const MAX_DEPTH = 16;

/**
 * Builds a tool's input from the request, driven by the tool's JSON Schema: required
 * properties are always filled; optional ones only when the request holds specific
 * evidence for them (a quoted string, a URL, a number…). Property names steer the choice:
 * `path`/`file` take paths, `url` URLs, `email`/`to` e-mails, `*id` ids, `date` dates,
 * `city`/`location` names, `limit`/`count` numbers, `query`/`topic` a quoted string or the
 * salient phrase, `task`/`prompt`/`question` the whole request. Enums are classified
 * against the request; defaults and bounds are respected.
 */
export function fillToolInput(schema: JsonSchema, source: ToolInputSource): Record<string, unknown> {
  const root = resolveNode(schema as SchemaNode, schema);
  const value = fillObject(root, schema, source, 0);
  return value;
}

function fillObject(
  node: SchemaNode,
  root: JsonSchema,
  source: ToolInputSource,
  depth: number,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const required = new Set(node.required ?? []);
  for (const [name, raw] of Object.entries(node.properties ?? {})) {
    const property = resolveNode(raw, root);
    const value = fillValue(name, property, root, source, required.has(name), depth + 1);
    if (value !== undefined) result[name] = value;
  }
  return result;
}

function fillValue(
  name: string,
  node: SchemaNode,
  root: JsonSchema,
  source: ToolInputSource,
  required: boolean,
  depth: number,
): unknown {
  if (depth > MAX_DEPTH) return undefined;
  if (node.const !== undefined) return node.const;
  if (Array.isArray(node.enum) && node.enum.length > 0) {
    const labels = node.enum.map((value) => ({ label: String(value) }));
    const classification = classifyText(source.request, labels);
    if (classification.confidence === 0 && !required) return undefined;
    if (classification.confidence === 0 && node.default !== undefined) return node.default;
    return node.enum[labels.findIndex((label) => label.label === classification.label)] ?? node.enum[0];
  }
  const key = name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  switch (nodeType(node)) {
    case 'string': {
      const found = pickString(key, node, source);
      if (found !== undefined) return fitString(found, node, allStrings(source.evidence));
      if (!required) return undefined;
      if (typeof node.default === 'string') return node.default;
      return fitString(
        formatFallback(node.format) ?? fallbackString(key, source),
        node,
        allStrings(source.evidence),
      );
    }
    case 'integer':
    case 'number': {
      const integer = nodeType(node) === 'integer';
      const found = pickNumber(key, source);
      if (found !== undefined) return fitNumber(found, node, integer);
      if (!required) return undefined;
      if (typeof node.default === 'number') return node.default;
      return fitNumber(
        /limit|count|max|top|size|num|k$|^n$/.test(key) ? 5 : (node.minimum ?? 0),
        node,
        integer,
      );
    }
    case 'boolean': {
      if (typeof node.default === 'boolean') return required ? node.default : undefined;
      if (!required) return undefined;
      const words = key.split(/[_\s]+/).filter((word) => word.length > 2 && word !== 'is' && word !== 'has');
      return words.some((word) => source.request.toLowerCase().includes(word));
    }
    case 'array': {
      if (Array.isArray(node.prefixItems) && node.prefixItems.length > 0) {
        return node.prefixItems.map((item) =>
          fillValue(key, resolveNode(item, root), root, source, true, depth + 1),
        );
      }
      const items = resolveNode(Array.isArray(node.items) ? node.items[0] : node.items, root);
      const values = fillArray(key, items, root, source, depth);
      if (values.length === 0 && !required) return undefined;
      const min = node.minItems ?? 0;
      const max = node.maxItems ?? Number.POSITIVE_INFINITY;
      const list = values.slice(0, max);
      while (list.length < min)
        list.push(list[list.length - 1] ?? fillValue(key, items, root, source, true, depth + 1));
      return list;
    }
    case 'object':
      if (!required && !node.properties) return undefined;
      return fillObject(node, root, source, depth);
    case 'null':
      return required ? null : undefined;
    default:
      return required ? fallbackString(key, source) : undefined;
  }
}

function fillArray(
  key: string,
  items: SchemaNode,
  root: JsonSchema,
  source: ToolInputSource,
  depth: number,
): unknown[] {
  const type = nodeType(items);
  const { evidence } = source;
  if (items.const !== undefined) return [items.const];
  if (type === 'string' && !items.enum && (items.format || items.pattern)) {
    const one = fillValue(key, items, root, source, true, depth + 1);
    return one === undefined ? [] : [one];
  }
  if (type === 'string' && !items.enum) {
    const fit = (values: string[]) => values.map((value) => fitString(value, items));
    if (/url|link/.test(key) && evidence.urls.length) return fit(evidence.urls);
    if (/email|recipient/.test(key) && evidence.emails.length) return fit(evidence.emails);
    if (/path|file/.test(key) && evidence.paths.length) return fit(evidence.paths);
    if (/ids?$|refs?$|keys?$|codes?$|docs?$|documents?$/.test(key) && evidence.ids.length)
      return fit(evidence.ids);
    if (evidence.quoted.length) return fit(evidence.quoted);
    return fit([source.phrase]);
  }
  if (type === 'number' || type === 'integer') {
    return evidence.numbers.map((number) => fitNumber(number, items, type === 'integer'));
  }
  if (items.enum && items.enum.length > 0) {
    const classification = classifyText(
      source.request,
      items.enum.map((value) => ({ label: String(value) })),
    );
    return items.enum.filter((value) => (classification.scores[String(value)] ?? 0) > 0);
  }
  const one = fillValue(key, items, root, source, true, depth + 1);
  return one === undefined ? [] : [one];
}

function pickString(key: string, node: SchemaNode, source: ToolInputSource): string | undefined {
  const { evidence } = source;
  const take = (values: readonly string[]) => {
    const value = values.find((candidate) => !source.used.has(candidate)) ?? values[0];
    if (value !== undefined) source.used.add(value);
    return value;
  };
  const format = node.format ?? '';
  if (format === 'email' || /e_?mail|recipient|^to$/.test(key)) return take(evidence.emails);
  if (format === 'uri' || format === 'url' || /url|uri|link|href|endpoint|website/.test(key))
    return take(evidence.urls);
  if (format === 'date' || format === 'date-time' || /date|day|since|until|deadline/.test(key)) {
    const date = take(evidence.dates);
    if (date && format === 'date') return date.slice(0, 10);
    if (date && format === 'date-time') return date.length === 10 ? `${date}T00:00:00Z` : date;
    return date;
  }
  if (/expression|formula|equation|expr|math|calculation/.test(key))
    return take([...evidence.expressions, ...evidence.quoted]);
  if (/path|file|dir|folder/.test(key)) return take([...evidence.paths, ...evidence.quoted]);
  if (/(^|_)(id|ids|ref|key|code|sku|ticket|number|doc|document)$/.test(key)) {
    return take([...evidence.ids, ...evidence.quoted, ...evidence.numbers.map(String)]);
  }
  if (/city|location|place|country|region|where|destination|origin/.test(key))
    return take([...evidence.names, ...evidence.quoted]);
  if (/name|title|author|person|user|owner|company/.test(key))
    return take([...evidence.quoted, ...evidence.names]);
  if (/task|instruction|prompt|input|message|request|question/.test(key)) return source.request.trim();
  if (/text|content|body/.test(key)) {
    const fresh = evidence.quoted.find((candidate) => !source.used.has(candidate));
    if (fresh !== undefined) source.used.add(fresh);
    return fresh ?? source.request.trim();
  }
  return take(evidence.quoted);
}

function fallbackString(key: string, source: ToolInputSource): string {
  if (/text|content|body/.test(key)) return source.request.trim();
  return source.phrase;
}

function pickNumber(key: string, source: ToolInputSource): number | undefined {
  const { request, evidence } = source;
  if (/limit|count|max|top|size|num|amount|k$|^n$/.test(key)) {
    const near =
      /\b(?:top|first|last|limit(?: to)?|up to|at most|max(?:imum)?)\s+(\d+)|\b(\d+)\s+(?:results?|items?|hits?|documents?|docs?|rows?|entries|records?|matches)\b/i.exec(
        request,
      );
    if (near) return Number(near[1] ?? near[2]);
  }
  const unused = evidence.numbers.find((number) => !source.used.has(`#${number}`));
  if (unused !== undefined) source.used.add(`#${unused}`);
  return unused;
}

function allStrings(evidence: Evidence): string[] {
  return [...evidence.quoted, ...evidence.ids, ...evidence.paths, ...evidence.names, ...evidence.dates];
}
