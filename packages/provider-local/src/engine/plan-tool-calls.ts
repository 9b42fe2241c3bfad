import type { ToolChoice, ToolDefinition } from '@baton/core/contracts';
import { stemTerm } from '../text/stem-term.js';
import { tokenizeTerms } from '../text/tokenize-terms.js';
import { fillToolInput } from './fill-tool-input.js';
import { findEvidence } from './find-evidence.js';
import { resolveNode, type SchemaNode } from './json-schema-utilities.js';
import { salientPhrase } from './salient-phrase.js';
import { isQuestion } from './split-request.js';

/** A tool call the engine decided to make. */
export interface PlannedToolCall {
  toolName: string;
  input: Record<string, unknown>;
}

/** How well a tool matches a request. */
export interface ToolMatch {
  tool: ToolDefinition;
  score: number;
  /** The request names the tool or one of its name's words. */
  named: boolean;
}

/** Minimum score for an `auto` tool call: one word of the tool's name, or two of its description. */
const THRESHOLD = 2;
const MAX_PARALLEL = 8;
const RETRIEVAL = /search|find|look_?up|retriev|query|knowledge|docs|documentation|wiki|faq|articles?|kb\b/i;
const GENERIC_NAME_WORDS = new Set([
  'get',
  'tool',
  'run',
  'do',
  'call',
  'use',
  'api',
  'fn',
  'func',
  'function',
]);

/** What the engine derives from a tool definition once (cached per definition object). */
interface ToolProfile {
  lowerName: string;
  nameTerms: string[];
  descriptionTerms: string[];
  propertyTerms: string[][];
  schema: SchemaNode;
  /** The single required string parameter, when the tool has exactly one required parameter and it is a string. */
  soleRequiredString: string | undefined;
}

const profiles = new WeakMap<ToolDefinition, ToolProfile>();

function profileOf(tool: ToolDefinition): ToolProfile {
  const hit = profiles.get(tool);
  if (hit) return hit;
  const schema = resolveNode(tool.inputSchema as SchemaNode, tool.inputSchema);
  const required = schema.required ?? [];
  const sole = required.length === 1 ? required[0]! : undefined;
  const soleNode = sole === undefined ? undefined : resolveNode(schema.properties?.[sole], tool.inputSchema);
  const profile: ToolProfile = {
    lowerName: tool.name.toLowerCase(),
    nameTerms: nameTerms(tool.name),
    descriptionTerms: [...new Set(tokenizeTerms(tool.description ?? ''))],
    propertyTerms: Object.keys(schema.properties ?? {}).map(nameTerms),
    schema,
    soleRequiredString: soleNode?.type === 'string' && !soleNode.enum ? sole : undefined,
  };
  profiles.set(tool, profile);
  return profile;
}

/** Scores each tool against the request: name words 3, description words 1 (at most 4), parameter names 0.5. */
export function matchTools(request: string, tools: readonly ToolDefinition[]): ToolMatch[] {
  const requestTerms = new Set(tokenizeTerms(request));
  const prefixes = new Set<string>();
  for (const term of requestTerms) if (term.length >= 5) prefixes.add(term.slice(0, 5));
  const lower = request.toLowerCase();
  return tools.map((tool) => {
    const profile = profileOf(tool);
    let score = 0;
    let named = lower.includes(profile.lowerName);
    if (named) score += 10;
    for (const term of profile.nameTerms) {
      if (GENERIC_NAME_WORDS.has(term)) continue;
      if (requestTerms.has(term)) {
        score += 3;
        named = true;
      } else if (term.length >= 5 && prefixes.has(term.slice(0, 5))) {
        score += 2;
        named = true;
      }
    }
    let described = 0;
    for (const term of profile.descriptionTerms) if (requestTerms.has(term)) described++;
    score += Math.min(described, 4);
    for (const terms of profile.propertyTerms) {
      if (terms.some((term) => requestTerms.has(term))) score += 0.5;
    }
    return { tool, score, named };
  });
}

/**
 * Decides which tools to call for a request (none, one, or the same tool several times
 * in parallel when the request lists several values for its one required parameter, e.g.
 * two quoted queries or three document ids). With `auto`, only a tool scoring at least
 * the threshold is called, and after tool results arrive only a tool the request names
 * and that has not been called yet in this turn (a multi-step chain); `required` and a
 * named `toolChoice` always call. A bare question (no material in the conversation to
 * answer it from) goes to a search-like tool when one is offered. Arguments come from
 * `fillToolInput`.
 */
export function planToolCalls(
  request: string,
  tools: readonly ToolDefinition[],
  choice: ToolChoice | undefined,
  alreadyCalled: ReadonlySet<string>,
  hasContext = false,
): PlannedToolCall[] {
  if (tools.length === 0 || choice === 'none') return [];
  let chosen: ToolDefinition | undefined;
  if (typeof choice === 'object') {
    chosen = tools.find((tool) => tool.name === choice.toolName);
  } else {
    const matches = matchTools(request, tools).filter((match) => !alreadyCalled.has(match.tool.name));
    const ordered = matches
      .map((match, index) => ({ ...match, index, position: firstMention(request, match.tool.name) }))
      .sort((a, b) => b.score - a.score || a.index - b.index);
    const afterResults = alreadyCalled.size > 0;
    const eligible = ordered.filter((match) => match.score >= THRESHOLD && (!afterResults || match.named));
    // Several eligible tools named in the request run in the order it mentions them.
    eligible.sort(
      (a, b) => (a.named && b.named ? a.position - b.position : 0) || b.score - a.score || a.index - b.index,
    );
    chosen = eligible[0]?.tool;
    if (!chosen && !afterResults && !hasContext && isBareQuestion(request)) {
      // A question with nothing to answer it from: look it up with a search-like tool.
      chosen = ordered.find((match) =>
        RETRIEVAL.test(`${match.tool.name} ${match.tool.description ?? ''}`),
      )?.tool;
    }
    if (!chosen && choice === 'required' && !afterResults) chosen = ordered[0]?.tool ?? tools[0];
  }
  if (!chosen) return [];
  return callsFor(chosen, request);
}

function callsFor(tool: ToolDefinition, request: string): PlannedToolCall[] {
  const evidence = findEvidence(request);
  const profile = profileOf(tool);
  const phrase = salientPhrase(request, new Set(profile.nameTerms));
  if (profile.soleRequiredString !== undefined) {
    const key = profile.soleRequiredString.toLowerCase();
    const values = /path|file/.test(key)
      ? evidence.paths
      : /(^|_)id$|ids$|ref$|doc|document|ticket/.test(key)
        ? evidence.ids
        : /url|link/.test(key)
          ? evidence.urls
          : /task|prompt|instruction|message|input|request|question/.test(key)
            ? []
            : evidence.quoted;
    if (values.length > 1) {
      return values.slice(0, MAX_PARALLEL).map((value) => {
        const single = { ...evidence, quoted: [value], paths: [value], ids: [value], urls: [value] };
        return {
          toolName: tool.name,
          input: fillToolInput(tool.inputSchema, { request, evidence: single, phrase, used: new Set() }),
        };
      });
    }
  }
  return [
    {
      toolName: tool.name,
      input: fillToolInput(tool.inputSchema, { request, evidence, phrase, used: new Set() }),
    },
  ];
}

/** A short question that carries no material of its own to answer from. */
function isBareQuestion(request: string): boolean {
  const text = request.trim();
  return (
    isQuestion(text) && text.length <= 300 && !text.includes('\n\n') && !/^\s*\[[\w.:/#-]+\]/m.test(text)
  );
}

function nameTerms(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 1)
    .map(stemTerm);
}

function firstMention(request: string, toolName: string): number {
  const lower = request.toLowerCase();
  let position = Number.POSITIVE_INFINITY;
  for (const word of toolName
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)) {
    if (word.length < 3 || GENERIC_NAME_WORDS.has(word)) continue;
    const at = lower.indexOf(word.slice(0, Math.max(3, word.length - 1)));
    if (at >= 0 && at < position) position = at;
  }
  return position;
}
