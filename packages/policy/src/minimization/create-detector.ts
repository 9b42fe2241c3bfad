import { ValidationError } from '@baton/core/contracts';
import type { CountryCode } from 'libphonenumber-js/max';
import { BUILTIN_DATA_CLASSES, type DataClassDefinition, dataClassMatches } from './data-class.js';
import type { Finding } from './finding.js';
import type { PseudonymVault } from './pseudonym-vault.js';
import type { Recognizer, RecognizerMatch } from './recognizer.js';
import { DEFAULT_PHONE_REGIONS, phoneRecognizer } from './recognizers/phone-recognizer.js';
import { piiRecognizers } from './recognizers/pii-recognizers.js';
import { secretRecognizers } from './recognizers/secret-recognizers.js';
import { contextTest } from './recognizers/text-boundary.js';
import { prefilterFamily, scanIsEmpty, scanOf } from './recognizers/text-scan.js';
import { applyStrategies, type StrategyResolver } from './strategy.js';

/** What to detect. */
export interface DetectorOptions {
  /** Your own recognizers, run after the built-in ones. */
  recognizers?: readonly Recognizer[];
  /** Your own data classes (name + placeholder label), for your recognizers. */
  dataClasses?: readonly DataClassDefinition[];
  /** Only these data classes (dotted prefixes such as `pii` or `secret.jwt`); default all. */
  include?: readonly string[];
  /** Skip these data classes (dotted prefixes) or recognizers (by name). */
  exclude?: readonly string[];
  /** Candidates scoring below this are dropped. Default 0.5. */
  minScore?: number;
  /** Regions tried for national phone numbers (ISO 3166 alpha-2). Default US, GB, DE, FR, ES, IT, NL, CH, AT, BE, CA, AU. */
  phoneRegions?: readonly string[];
  /** Set false to run only your own recognizers. Default true. */
  builtins?: boolean;
}

/** Finds and removes sensitive values in text. */
export interface Detector {
  /** Findings in `text`, non-overlapping, sorted by start; offsets index `text`. */
  detect(text: string): Finding[];
  /**
   * Replaces each finding: by default with a placeholder (`<EMAIL_1>`) from `vault` (a
   * fresh one per call when omitted). Findings keep offsets into the input text.
   */
  redact(text: string, options?: RedactOptions): { text: string; findings: Finding[] };
  /** Data classes known to this detector, by name. */
  readonly dataClasses: ReadonlyMap<string, DataClassDefinition>;
  /** Label (`EMAIL`) of a data class; the upper-cased last segment for unknown classes. */
  labelOf(dataClass: string): string;
}

/** How `redact` replaces findings. */
export interface RedactOptions {
  /** Vault that keeps placeholder → real value; reuse it across texts for stable placeholders. */
  vault?: PseudonymVault;
  /** Strategy per finding (default: pseudonymize everything). */
  strategy?: StrategyResolver;
}

type ContextTest = (text: string, from: number, to: number) => boolean;

/** Everything `detect` reads, copied into one object shape so its property loads stay monomorphic. */
interface CompiledRecognizer {
  recognizer: Recognizer;
  name: string;
  dataClass: string;
  score: number;
  find: Recognizer['find'];
  validate: Recognizer['validate'];
  requireContext: boolean;
  order: number;
  label: string;
  prefilter: ((text: string) => boolean) | undefined;
  /** A built-in prefilter answered by the text scan: the trigger family whose count it reads (-1: none). */
  gate: number;
  /** Multi-character needles are found by one shared scan per text (see `needleScan`). */
  needles: readonly string[] | undefined;
  pattern: RegExp | undefined;
  group: number | string | undefined;
  context: ContextTest | undefined;
  window: number;
  boost: number;
}

const LABEL = /^[A-Z][A-Z0-9_]*$/;
const CLASS_NAME = /^[a-z0-9_]+(?:\.[a-z0-9_]+)*$/;

/** Literal prefilters of two or more characters go into the shared needle scan. */
function sharedNeedles(prefilter: Recognizer['prefilter']): boolean {
  return (
    Array.isArray(prefilter) &&
    prefilter.length > 0 &&
    prefilter.every((needle: string) => needle.length >= 2)
  );
}

function compilePrefilter(prefilter: Recognizer['prefilter']): ((text: string) => boolean) | undefined {
  if (prefilter === undefined) return undefined;
  if (typeof prefilter === 'function') return prefilter;
  const needles = [...prefilter];
  if (needles.length === 1) {
    const needle = needles[0]!;
    return (text) => text.includes(needle);
  }
  return (text) => {
    for (const needle of needles) if (text.includes(needle)) return true;
    return false;
  };
}

function compileContext(words: readonly string[] | undefined): ContextTest | undefined {
  if (words === undefined || words.length === 0) return undefined;
  return contextTest(words);
}

/** Builds a detector from the built-in catalogue plus your recognizers. Options are validated once here. */
export function createDetector(options: DetectorOptions = {}): Detector {
  const minScore = options.minScore ?? 0.5;
  if (!(minScore >= 0 && minScore <= 1))
    throw new ValidationError(`minScore must be in [0, 1], got ${options.minScore}`);
  const dataClasses = new Map<string, DataClassDefinition>();
  for (const definition of [...BUILTIN_DATA_CLASSES, ...(options.dataClasses ?? [])]) {
    if (!CLASS_NAME.test(definition.name))
      throw new ValidationError(
        `data class name '${definition.name}' must be dotted lowercase words, e.g. 'pii.employee_id'`,
      );
    if (!LABEL.test(definition.label))
      throw new ValidationError(
        `data class '${definition.name}' label '${definition.label}' must match [A-Z][A-Z0-9_]*`,
      );
    dataClasses.set(definition.name, definition);
  }
  const labelOf = (dataClass: string): string =>
    dataClasses.get(dataClass)?.label ??
    dataClass
      .slice(dataClass.lastIndexOf('.') + 1)
      .toUpperCase()
      .replace(/[^A-Z0-9_]/g, '_');

  const builtins =
    options.builtins === false
      ? []
      : [
          ...piiRecognizers.slice(0, 5),
          phoneRecognizer((options.phoneRegions as CountryCode[] | undefined) ?? DEFAULT_PHONE_REGIONS),
          ...piiRecognizers.slice(5),
          ...secretRecognizers,
        ];
  const names = new Set<string>();
  const compiled: CompiledRecognizer[] = [];
  /** Compiled built-ins come first: `compiled[0, builtinCount)`. */
  let builtinCount = 0;
  for (const [index, recognizer] of [...builtins, ...(options.recognizers ?? [])].entries()) {
    if (names.has(recognizer.name))
      throw new ValidationError(`two recognizers are named '${recognizer.name}'`);
    names.add(recognizer.name);
    if (!CLASS_NAME.test(recognizer.dataClass))
      throw new ValidationError(
        `recognizer '${recognizer.name}': data class '${recognizer.dataClass}' must be dotted lowercase words`,
      );
    if (!recognizer.find && !recognizer.pattern)
      throw new ValidationError(`recognizer '${recognizer.name}' needs a pattern or a find function`);
    if (!(recognizer.score >= 0 && recognizer.score <= 1))
      throw new ValidationError(`recognizer '${recognizer.name}': score must be in [0, 1]`);
    if (options.include && !options.include.some((prefix) => dataClassMatches(recognizer.dataClass, prefix)))
      continue;
    if (options.exclude?.some((x) => x === recognizer.name || dataClassMatches(recognizer.dataClass, x)))
      continue;
    let pattern: RegExp | undefined;
    if (!recognizer.find && recognizer.pattern) {
      let flags = recognizer.pattern.flags;
      if (!flags.includes('g')) flags += 'g';
      if (recognizer.group !== undefined && !flags.includes('d')) flags += 'd';
      pattern = new RegExp(recognizer.pattern.source, flags);
    }
    compiled.push({
      recognizer,
      name: recognizer.name,
      dataClass: recognizer.dataClass,
      score: recognizer.score,
      find: recognizer.find,
      validate: recognizer.validate,
      requireContext: recognizer.requireContext === true,
      order: compiled.length,
      label: labelOf(recognizer.dataClass),
      prefilter: sharedNeedles(recognizer.prefilter) ? undefined : compilePrefilter(recognizer.prefilter),
      gate: prefilterFamily(recognizer.prefilter)?.id ?? -1,
      needles: sharedNeedles(recognizer.prefilter) ? (recognizer.prefilter as readonly string[]) : undefined,
      pattern,
      group: recognizer.group,
      context: compileContext(recognizer.context),
      window: recognizer.contextWindow ?? 48,
      boost: recognizer.contextBoost ?? 0.1,
    });
    if (index < builtins.length) builtinCount = compiled.length;
  }

  // One regex over all literal needles: each text is scanned once instead of once per recognizer.
  const needleOwners = new Map<string, number[]>();
  compiled.forEach((r, index) => {
    for (const needle of r.needles ?? []) {
      const owners = needleOwners.get(needle) ?? [];
      owners.push(index);
      needleOwners.set(needle, owners);
    }
  });
  // A match of `sk-ant-` is also a match of `sk-` at the same position.
  for (const [needle, owners] of needleOwners)
    for (const [other, otherOwners] of needleOwners)
      if (other !== needle && needle.startsWith(other))
        for (const o of otherOwners) if (!owners.includes(o)) owners.push(o);
  const needleScan =
    needleOwners.size === 0
      ? undefined
      : new RegExp(
          [...needleOwners.keys()]
            .sort((a, b) => b.length - a.length)
            .map((needle) => needle.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
            .join('|'),
          'g',
        );
  const needleHit = new Uint32Array(compiled.length);
  let stamp = 0;

  /**
   * The candidates of the text being detected, in the order they were found, and each one's
   * recognizer order (the last tie-break); reused by every `detect` call (it is synchronous).
   * The candidates are the Finding objects returned, so nothing is copied.
   */
  const found: Finding[] = [];
  const orders: number[] = [];
  const ranked: number[] = [];

  function consider(
    r: CompiledRecognizer,
    text: string,
    start: number,
    end: number,
    baseScore: number | undefined,
  ): void {
    if (end <= start) return;
    let score = baseScore ?? r.score;
    if (r.validate) {
      const verdict = r.validate(text.slice(start, end), text, start, end);
      if (verdict === false || verdict === 0) return;
      if (typeof verdict === 'number') score = verdict;
    }
    if (r.context) {
      const near = r.context(text, start - r.window, start) || r.context(text, end, end + 24);
      if (near) score = Math.min(1, score + r.boost);
      else if (r.requireContext) return;
    }
    if (score < minScore) return;
    found.push({ type: r.label, dataClass: r.dataClass, start, end, score, recognizer: r.name });
    orders.push(r.order);
  }

  // Reused by every `find` call: recognizers push candidates here instead of allocating.
  const scratch: RecognizerMatch[] = [];

  function detect(text: string): Finding[] {
    if (typeof text !== 'string') throw new ValidationError('detect() expects a string');
    if (found.length !== 0) {
      found.length = 0;
      orders.length = 0;
    }
    stamp = (stamp + 1) >>> 0 || 1;
    if (needleScan) {
      needleScan.lastIndex = 0;
      for (let m = needleScan.exec(text); m !== null; m = needleScan.exec(text)) {
        for (const owner of needleOwners.get(m[0])!) needleHit[owner] = stamp;
        needleScan.lastIndex = m.index + 1; // overlapping needles (`sk-` inside `sk-ant-`) still count
      }
    }
    // A text in which the scan recorded nothing (most short prompts) and that holds no `@` or
    // `:` cannot give any built-in recognizer a candidate: only your own recognizers run.
    const first =
      builtinCount > 0 && scanIsEmpty(text) && text.indexOf('@') < 0 && text.indexOf(':') < 0
        ? builtinCount
        : 0;
    for (let index = first; index < compiled.length; index++) {
      const r = compiled[index]!;
      if (r.needles !== undefined && needleHit[index] !== stamp) continue;
      if (r.gate >= 0) {
        if (scanOf(text).counts[r.gate] === 0) continue;
      } else if (r.prefilter && !r.prefilter(text)) continue;
      if (r.find) {
        // Truncating an array is a runtime call: only when the last finder left something.
        if (scratch.length !== 0) scratch.length = 0;
        const returned = r.find(text, scratch);
        for (let i = 0; i < scratch.length; i++) {
          const match = scratch[i]!;
          consider(r, text, match.start, match.end, match.score);
        }
        if (returned) for (const match of returned) consider(r, text, match.start, match.end, match.score);
        continue;
      }
      const pattern = r.pattern!;
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
        if (m[0].length === 0) {
          pattern.lastIndex++;
          continue;
        }
        if (r.group === undefined) consider(r, text, m.index, m.index + m[0].length, undefined);
        else {
          const span = typeof r.group === 'number' ? m.indices?.[r.group] : m.indices?.groups?.[r.group];
          if (span) consider(r, text, span[0], span[1], undefined);
        }
      }
    }
    return resolveOverlaps();
  }

  /** Whether candidate `a` ranks before `b`: higher score, then longer, then earlier, then recognizer order. */
  function ranksBefore(a: number, b: number): boolean {
    const x = found[a]!;
    const y = found[b]!;
    const by =
      y.score - x.score ||
      y.end - y.start - (x.end - x.start) ||
      x.start - y.start ||
      orders[a]! - orders[b]!;
    return by < 0;
  }

  /**
   * Accepts candidates best first, dropping any that overlaps an accepted one. Insertion
   * sorts (stable, like the built-in sort with the same comparison): a text has few candidates.
   */
  function resolveOverlaps(): Finding[] {
    const n = found.length;
    if (n === 0) return [];
    if (n === 1) return [found[0]!];
    ranked.length = 0;
    for (let i = 0; i < n; i++) {
      let k = ranked.length;
      ranked.push(i);
      while (k > 0 && ranksBefore(i, ranked[k - 1]!)) {
        ranked[k] = ranked[k - 1]!;
        k--;
      }
      ranked[k] = i;
    }
    const accepted: Finding[] = [];
    for (let j = 0; j < n; j++) {
      const c = found[ranked[j]!]!;
      let overlaps = false;
      for (const a of accepted) {
        if (c.start < a.end && a.start < c.end) {
          overlaps = true;
          break;
        }
      }
      if (overlaps) continue;
      // Keep `accepted` sorted by start (accepted findings never overlap, so starts differ).
      let k = accepted.length;
      accepted.push(c);
      while (k > 0 && accepted[k - 1]!.start > c.start) {
        accepted[k] = accepted[k - 1]!;
        k--;
      }
      accepted[k] = c;
    }
    return accepted;
  }

  return {
    detect,
    redact(text, redactOptions = {}) {
      const findings = detect(text);
      return { text: applyStrategies(text, findings, redactOptions), findings };
    },
    dataClasses,
    labelOf,
  };
}
