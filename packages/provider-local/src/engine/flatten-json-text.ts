import { memoizeByString } from '../text/memoize-by-string.js';

const SOURCE_KEYS = ['source', 'id', 'doc', 'docId', 'document', 'file', 'path', 'url', 'title', 'name'];
const MAX_DEPTH = 8;
const PROSE_KEYS =
  /^(text|content|body|summary|description|snippet|answer|message|passage|excerpt|abstract|note|notes)$/i;

/** A short label-like value (`conditions: "sunny"`) reads better with its key than alone. */
function isShortValue(key: string, value: string): boolean {
  const text = value.trim();
  return (
    text.length > 0 &&
    text.length <= 80 &&
    !PROSE_KEYS.test(key) &&
    !/[.!?]$/.test(text) &&
    !text.includes('\n')
  );
}

/**
 * Turns JSON-looking text into readable text for the extractive engine: every string
 * value becomes its own paragraph (short label-like values and numbers as `key: value.`), and an object with a `source`/`id`/`file`… field marks
 * its strings with a `[source]` line so citations survive (`{ source: 'doc-03', summary }`
 * → `[doc-03]\nsummary`). Text that holds no JSON is returned unchanged; text with a JSON
 * block inside keeps the prose around it.
 */
function flattenJsonTextUncached(text: string): string {
  const start = firstJsonStart(text);
  if (start < 0) return text;
  const close = text[start] === '{' ? '}' : ']';
  const end = text.lastIndexOf(close);
  if (end <= start) return text;
  let value: unknown;
  try {
    value = JSON.parse(text.slice(start, end + 1));
  } catch {
    return text;
  }
  const lines: string[] = [];
  collect(value, undefined, lines, 0);
  if (lines.length === 0) return text;
  const before = text.slice(0, start).trim();
  const after = text.slice(end + 1).trim();
  return [before, lines.join('\n\n'), after].filter(Boolean).join('\n\n');
}

function firstJsonStart(text: string): number {
  const brace = text.indexOf('{');
  const bracket = text.indexOf('[');
  // `[doc-03]` citation markers are not JSON arrays.
  const array = bracket >= 0 && /^\[\s*[[{"\d-]/.test(text.slice(bracket)) ? bracket : -1;
  if (brace < 0) return array;
  if (array < 0) return brace;
  return Math.min(brace, array);
}

function collect(value: unknown, source: string | undefined, lines: string[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text) lines.push(source ? `[${source}]\n${text}` : text);
    return;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, source, lines, depth + 1);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  let own = source;
  let sourceKey: string | undefined;
  for (const key of SOURCE_KEYS) {
    const candidate = record[key];
    if (typeof candidate === 'string' && /^[\w.:/#-]{1,80}$/.test(candidate)) {
      own = candidate;
      sourceKey = key;
      break;
    }
  }
  for (const [key, child] of Object.entries(record)) {
    if (key === sourceKey) continue;
    const field =
      typeof child === 'number' || typeof child === 'boolean'
        ? String(child)
        : typeof child === 'string' && isShortValue(key, child)
          ? child.trim()
          : undefined;
    if (field !== undefined) {
      lines.push(own ? `[${own}]\n${key}: ${field}.` : `${key}: ${field}.`);
      continue;
    }
    collect(child, own, lines, depth + 1);
  }
}

/** Cached per string (see `memoizeByString`). */
export const flattenJsonText = memoizeByString(flattenJsonTextUncached);
