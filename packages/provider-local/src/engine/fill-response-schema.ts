import type { JsonSchema } from '@baton/core/contracts';
import type { Sentence } from '../text/split-sentences.js';
import type { Analysis } from './analyze-request.js';
import { classifyText } from './classify-text.js';
import { extractKeywords } from './extract-keywords.js';
import { findEvidence } from './find-evidence.js';
import { fitNumber, fitString, nodeType, resolveNode, type SchemaNode } from './json-schema-utilities.js';

/** The slice of the analysis a (sub)object is filled from: the whole answer, or one sentence of it. */
interface Scope {
  text: string;
  summary: string;
  sentences: readonly Sentence[];
  sources: string[];
  keywords: () => string[];
}

const MAX_DEPTH = 32;
const SENTIMENT = [{ label: 'positive' }, { label: 'negative' }, { label: 'neutral' }];

/**
 * Builds a JSON value that satisfies `schema` from the analysis: property names choose
 * what goes where (`summary` → the summary, `answer`/`text` → the answer, `label`/
 * `category` → the classification, `keywords`/`tags` → key phrases, `sources`/
 * `citations` → source ids, `confidence` → the classifier's confidence, `title` → a
 * heading or the top key phrase, arrays of objects → one object per summary sentence).
 * Enums are classified against the material, and `required`, types, bounds, lengths and
 * item counts are respected, so a schema-validating caller accepts the result.
 */
export function fillResponseSchema(schema: JsonSchema, analysis: Analysis): unknown {
  const sentences =
    analysis.summary.length > 0 ? analysis.summary : analysis.retrieved.map((entry) => entry.sentence);
  const scope: Scope = {
    text: analysis.text,
    summary: analysis.intent === 'classify' ? firstSentences(analysis.sentences) : analysis.text,
    sentences:
      sentences.length > 0
        ? sentences
        : analysis.sentences.filter((sentence) => !sentence.heading).slice(0, 3),
    sources: sourcesOf(sentences.length > 0 ? sentences : analysis.sentences),
    keywords: analysis.keywords,
  };
  return fill(resolveNode(schema as SchemaNode, schema), '', schema, analysis, scope, 0);
}

function fill(
  node: SchemaNode,
  key: string,
  root: JsonSchema,
  analysis: Analysis,
  scope: Scope,
  depth: number,
): unknown {
  if (depth > MAX_DEPTH) return null;
  if (node.const !== undefined) return node.const;
  if (Array.isArray(node.enum) && node.enum.length > 0) return pickEnum(node.enum, key, analysis, scope);
  const type = nodeType(node);
  switch (type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const [name, raw] of Object.entries(node.properties ?? {})) {
        result[name] = fill(resolveNode(raw, root), normalizeKey(name), root, analysis, scope, depth + 1);
      }
      return result;
    }
    case 'array':
      return fillArray(node, key, root, analysis, scope, depth);
    case 'string':
      return fitString(pickString(node, key, analysis, scope), node, scope.keywords());
    case 'integer':
    case 'number':
      return fitNumber(pickNumber(node, key, analysis, scope), node, type === 'integer');
    case 'boolean':
      return pickBoolean(key, analysis, scope);
    case 'null':
      return null;
    default:
      return scope.text;
  }
}

function fillArray(
  node: SchemaNode,
  key: string,
  root: JsonSchema,
  analysis: Analysis,
  scope: Scope,
  depth: number,
): unknown[] {
  if (Array.isArray(node.prefixItems) && node.prefixItems.length > 0) {
    return node.prefixItems.map((item) =>
      fill(resolveNode(item, root), key, root, analysis, scope, depth + 1),
    );
  }
  const items = resolveNode(Array.isArray(node.items) ? node.items[0] : node.items, root);
  const itemType = nodeType(items);
  let values: unknown[];
  if (items.const !== undefined) {
    values = [items.const];
  } else if (itemType === 'string' && (items.format || items.pattern)) {
    values = [fill(items, key, root, analysis, scope, depth + 1)];
  } else if (itemType === 'object' || (itemType === undefined && items.properties)) {
    values = scope.sentences.map((sentence) =>
      fill(items, key, root, analysis, sentenceScope(sentence), depth + 1),
    );
    if (values.length === 0) values = [fill(items, key, root, analysis, scope, depth + 1)];
  } else if (Array.isArray(items.enum) && items.enum.length > 0) {
    const labels = items.enum.map((value) => ({ label: String(value) }));
    const scores = classifyText(analysis.material || scope.text, labels).scores;
    values = items.enum.filter((value) => (scores[String(value)] ?? 0) > 0);
    if (values.length === 0) values = [pickEnum(items.enum, key, analysis, scope)];
  } else if (itemType === 'number' || itemType === 'integer') {
    values = findEvidence(analysis.material).numbers.map((value) =>
      fitNumber(value, items, itemType === 'integer'),
    );
  } else if (itemType === 'string' || itemType === undefined) {
    values = stringList(key, analysis, scope).map((value) => fitString(value, items, scope.keywords()));
  } else {
    values = [fill(items, key, root, analysis, scope, depth + 1)];
  }
  if (node.uniqueItems) values = [...new Map(values.map((value) => [JSON.stringify(value), value])).values()];
  const max = node.maxItems ?? Number.POSITIVE_INFINITY;
  const min = node.minItems ?? 0;
  values = values.slice(0, max);
  let filler = 0;
  while (values.length < min) {
    const extra = fill(items, key, root, analysis, scope, depth + 1);
    const candidate = node.uniqueItems && typeof extra === 'string' ? `${extra} ${++filler}` : extra;
    values.push(candidate);
    if (filler > min + 2) break;
  }
  return values;
}

function stringList(key: string, analysis: Analysis, scope: Scope): string[] {
  if (/keyword|tag|topic|term|entit|phrase|concept/.test(key)) return scope.keywords();
  if (/source|citation|reference|doc|url|link/.test(key)) return scope.sources;
  if (/question/.test(key)) return analysis.question ? [analysis.question] : [];
  if (/label|categor|class/.test(key) && analysis.classification) {
    return Object.entries(analysis.classification.scores)
      .filter(([, score]) => score > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([label]) => label);
  }
  if (
    /sentence|point|highlight|bullet|finding|fact|takeaway|step|item|summar|line|answer|result|note/.test(key)
  ) {
    return scope.sentences.map((sentence) => sentence.text);
  }
  return scope.keywords();
}

function pickString(node: SchemaNode, key: string, analysis: Analysis, scope: Scope): string {
  const format = node.format ?? '';
  const evidence = findEvidence(analysis.material);
  if (format === 'email') return evidence.emails[0] ?? 'unknown@example.com';
  if (format === 'uri' || format === 'url') return evidence.urls[0] ?? 'https://example.com/';
  if (format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  if (format === 'date') return evidence.dates[0]?.slice(0, 10) ?? '1970-01-01';
  if (format === 'date-time') {
    const date = evidence.dates[0];
    return date ? (date.length === 10 ? `${date}T00:00:00Z` : date) : '1970-01-01T00:00:00Z';
  }
  if (/summar|abstract|overview|tldr|synopsis|digest|gist/.test(key)) return scope.summary;
  if (/label|categor|class|intent|queue|team|route|type|kind/.test(key)) {
    return analysis.classification?.label ?? scope.keywords()[0] ?? scope.text;
  }
  if (/sentiment|tone|mood/.test(key)) return classifyText(analysis.material, SENTIMENT).label;
  if (/title|headline|subject|heading|topic|name/.test(key)) {
    const heading = analysis.sentences.find((sentence) => sentence.heading);
    const keyword = scope.keywords()[0];
    return heading?.text ?? (keyword ? keyword[0]!.toUpperCase() + keyword.slice(1) : scope.text);
  }
  if (/language|lang|locale/.test(key)) return 'en';
  if (/source|citation|reference|doc/.test(key)) return scope.sources[0] ?? '';
  if (/question|query/.test(key)) return analysis.question ?? analysis.conversation.request;
  if (/keyword|tag/.test(key)) return scope.keywords().join(', ');
  if (/email/.test(key)) return evidence.emails[0] ?? '';
  if (/url|link/.test(key)) return evidence.urls[0] ?? '';
  if (/date|time/.test(key)) return evidence.dates[0] ?? '';
  return scope.text;
}

function pickNumber(node: SchemaNode, key: string, analysis: Analysis, scope: Scope): number {
  if (analysis.value !== undefined && !/confidence|probability|certainty|count|word|sentence/.test(key)) {
    return analysis.value;
  }
  if (/confidence|probability|certainty|score/.test(key)) {
    const confidence =
      analysis.classification?.confidence ??
      (analysis.retrieved.length > 0 || analysis.summary.length > 0 ? 0.5 : 0);
    return node.maximum !== undefined && node.maximum > 1
      ? Math.round(confidence * node.maximum)
      : confidence;
  }
  if (/word/.test(key)) return scope.text.split(/\s+/).filter(Boolean).length;
  if (/sentence|point|item/.test(key)) return scope.sentences.length;
  if (/source|citation|doc/.test(key)) return scope.sources.length;
  if (/keyword|tag/.test(key)) return scope.keywords().length;
  const numbers = findEvidence(scope.text).numbers;
  if (numbers.length > 0) return numbers[0]!;
  if (typeof node.default === 'number') return node.default;
  return node.minimum ?? 0;
}

function pickBoolean(key: string, analysis: Analysis, scope: Scope): boolean {
  if (/urgent|critical|priority|important|emergency/.test(key)) {
    return /\b(urgent|asap|immediately|critical|emergency|outage|down|blocked|blocking)\b/i.test(
      analysis.material,
    );
  }
  if (/answer|found|success|ok|resolved|relevant/.test(key))
    return analysis.retrieved.length > 0 || analysis.summary.length > 0;
  if (/question/.test(key)) return analysis.question !== undefined;
  const words = key
    .split('_')
    .filter((word) => word.length > 2 && !['is', 'has', 'was', 'are'].includes(word));
  return words.length > 0 && words.some((word) => scope.text.toLowerCase().includes(word));
}

function pickEnum(values: unknown[], key: string, analysis: Analysis, scope: Scope): unknown {
  const labels = values.map((value) => ({ label: String(value) }));
  if (analysis.classification) {
    const direct = values.find(
      (value) => String(value).toLowerCase() === analysis.classification!.label.toLowerCase(),
    );
    if (direct !== undefined) return direct;
  }
  const material = /sentiment|tone/.test(key) ? analysis.material : `${analysis.material}\n${scope.text}`;
  const chosen = classifyText(material, labels).label;
  return values[labels.findIndex((label) => label.label === chosen)] ?? values[0];
}

function sentenceScope(sentence: Sentence): Scope {
  let keywords: string[] | undefined;
  return {
    text: sentence.text,
    summary: sentence.text,
    sentences: [sentence],
    sources: sentence.source ? [sentence.source] : [],
    keywords: () => {
      keywords ??= extractKeywords(sentence.text, 5);
      return keywords;
    },
  };
}

function sourcesOf(sentences: readonly Sentence[]): string[] {
  return [
    ...new Set(sentences.map((sentence) => sentence.source).filter((source): source is string => !!source)),
  ];
}

function firstSentences(sentences: readonly Sentence[]): string {
  return sentences
    .filter((sentence) => !sentence.heading)
    .slice(0, 2)
    .map((sentence) => sentence.text)
    .join(' ');
}

function normalizeKey(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}
