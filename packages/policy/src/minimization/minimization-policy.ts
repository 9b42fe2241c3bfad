import {
  type IngressValue,
  type Message,
  type ModelRequest,
  type PermissionGate,
  type Policy,
  type PolicyContext,
  type PolicyDecision,
  type StoreRecord,
  type TextStreamTransform,
  type ToolCallRequest,
  ValidationError,
} from '@baton/core/contracts';
import { createDetector, type Detector, type DetectorOptions } from './create-detector.js';
import { canReadDataClass } from './data-capability.js';
import { DEFAULT_RETENTION_TTL_MS, dataClassMatches, lookupByClass } from './data-class.js';
import type { Finding } from './finding.js';
import { collectJsonStrings, StringScratch } from './json-strings.js';
import { type KnownOccurrence, KnownValues, StringMap } from './known-values.js';
import { type OutputProjection, projectToolOutput } from './project-tool-output.js';
import { PseudonymVault } from './pseudonym-vault.js';
import { mapStrings, type RehydrationCounts, rehydrateValue } from './rehydrate.js';
import { createRehydrationStream } from './rehydration-stream.js';
import { retentionTtl } from './retention.js';
import { type ApplyOptions, applyStrategies, type Strategy } from './strategy.js';

/** Options of `minimizationPolicy()`; detector options (recognizers, classes, include/exclude) included. */
export interface MinimizationPolicyOptions extends DetectorOptions {
  /** Name in events and the audit log. Default `minimization`. */
  name?: string;
  /** Strategy per data class or family (`{ 'pii.card': 'mask', secret: 'drop' }`); longest prefix wins. Default `pseudonymize`. */
  strategies?: Readonly<Record<string, Strategy>>;
  /** HMAC key for the `hash` strategy (required when any class uses it). */
  hashKey?: string | Uint8Array;
  /** Put real values back into tool-call arguments (for classes the task may read). Default true. */
  rehydrateToolCalls?: boolean;
  /**
   * Rehydrate the run's final answer (and its streamed deltas) for the caller:
   * `capability` (default) per data class the task may read, `always`, or `never`.
   */
  rehydrateOutput?: 'capability' | 'always' | 'never';
  /** The permission gate that judges `data:<class>:read` capabilities (default: the built-in matcher). */
  permissions?: Pick<PermissionGate, 'check'>;
  /** Replaces the read rule entirely. */
  canRead?: (capabilities: readonly string[], dataClass: string) => boolean;
  /** Tool outputs projected to declared fields before they reach the model, by tool name. */
  projections?: Readonly<Record<string, OutputProjection>>;
  /** Retention at the store boundary; `false` leaves stored records alone. */
  retention?:
    | false
    | {
        /** TTL in ms per data class prefix, plus `default` for records without sensitive data. Merged over the defaults. */
        ttlMs?: Readonly<Record<string, number>>;
        /** Data classes replaced by placeholders before anything is stored. Default `['secret']`. */
        redactOnStore?: readonly string[];
      };
  /** Keep a run's vault after the run ends (reachable through `policy.vault(runId)`). Default false. */
  persistVault?: boolean;
  /** Minimized strings remembered per run so history re-sent on every call is not re-scanned. Default 4096. */
  cacheSize?: number;
}

/** A minimization policy: a core `Policy` plus its detector and run vaults. */
export interface MinimizationPolicy extends Policy {
  /** The detector it uses (same options). */
  readonly detector: Detector;
  /** The vault of a running run, or of a finished one when `persistVault` is set. */
  vault(runId: string): PseudonymVault | undefined;
}

interface RunState {
  vault: PseudonymVault;
  /** What `applyStrategies` needs: this run's vault, the strategies, the hash key (made once per run). */
  apply: ApplyOptions;
  /** Keys of values counted as leaked (each counted once per run). */
  leaked: Set<string>;
  /** Every distinct sensitive value seen on its way out, matched wherever it appears again. */
  known: KnownValues;
  /** Text → its minimized form, valid while `known.generation` is unchanged (texts are not hashed, see `StringMap`). */
  minimized: StringMap<{ generation: number; text: string }>;
  /** Text → detector findings (also: texts this minimizer produced, as clean). */
  scanned: StringMap<readonly Finding[]>;
  egressCalls: number;
  /** Scratch of the `beforeModelCall` under way (synchronous): classes newly detected, by count. */
  counts: Record<string, number> | undefined;
  /** Scratch of the `beforeModelCall` under way: whether any string had findings. */
  found: boolean;
  /** The learn and replace passes over one string, made once per run (no closures per call). */
  learn: (text: string) => string;
  minimize: (text: string) => string;
}

const NONE: readonly Finding[] = Object.freeze([]);
// Scratch for `inspectEgress`, which is synchronous and never re-entered.
const egressStrings = new StringScratch();
const egressKeys = new StringScratch();

/** Counts each occurrence's value as leaked, once per run. */
function countLeaks(
  occurrences: readonly KnownOccurrence[],
  state: { leaked: Set<string> },
  leaked: Record<string, number>,
): void {
  for (let i = 0; i < occurrences.length; i++) {
    const o = occurrences[i]!;
    const id = `${o.dataClass}\u0000${o.value}`;
    if (state.leaked.has(id)) continue;
    state.leaked.add(id);
    leaked[o.dataClass] = (leaked[o.dataClass] ?? 0) + 1;
  }
}
const ALLOW: PolicyDecision<never> = Object.freeze({ action: 'allow' });
const STRATEGIES = new Set(['pseudonymize', 'mask', 'hash', 'drop']);

/**
 * Data minimization at every boundary: personal data and secrets leave the process only
 * as placeholders (or masks, hashes, nothing), tools get real values back when the task
 * may read the class, the egress monitor counts what got through, and stored records
 * carry data classes and a TTL.
 */
export function minimizationPolicy(options: MinimizationPolicyOptions = {}): MinimizationPolicy {
  const detector = createDetector(options);
  const name = options.name ?? 'minimization';
  const strategies = options.strategies ?? {};
  for (const [prefix, strategy] of Object.entries(strategies)) {
    const type = typeof strategy === 'string' ? strategy : strategy?.type;
    if (!STRATEGIES.has(type as string))
      throw new ValidationError(
        `strategy for '${prefix}' must be pseudonymize, mask, hash or drop, got ${JSON.stringify(strategy)}`,
      );
    if (type === 'hash' && options.hashKey === undefined)
      throw new ValidationError(`strategy for '${prefix}' is 'hash' but no hashKey was given`);
  }
  const rehydrateOutput = options.rehydrateOutput ?? 'capability';
  if (!['capability', 'always', 'never'].includes(rehydrateOutput))
    throw new ValidationError(
      `rehydrateOutput must be capability, always or never, got '${rehydrateOutput}'`,
    );
  const cacheSize = options.cacheSize ?? 4096;
  const retention = options.retention === false ? undefined : (options.retention ?? {});
  const ttlTable = { ...DEFAULT_RETENTION_TTL_MS, ...(retention?.ttlMs ?? {}) };
  const redactOnStore = retention?.redactOnStore ?? ['secret'];
  for (const [key, ttl] of Object.entries(ttlTable))
    if (!(typeof ttl === 'number' && ttl >= 0))
      throw new ValidationError(`retention.ttlMs['${key}'] must be a number >= 0`);

  const strategyByClass = new Map<string, Strategy>();
  const strategyOf = (finding: Finding): Strategy => {
    let strategy = strategyByClass.get(finding.dataClass);
    if (strategy === undefined) {
      strategy = lookupByClass(strategies, finding.dataClass) ?? 'pseudonymize';
      strategyByClass.set(finding.dataClass, strategy);
    }
    return strategy;
  };

  const key = Symbol(name);
  const live = new Map<string, RunState>();
  const persisted = new Map<string, PseudonymVault>();

  function stateOf(context: Pick<PolicyContext, 'runId' | 'runState'>): RunState {
    let state = context.runState.get(key) as RunState | undefined;
    if (state === undefined) {
      const vault = new PseudonymVault();
      const run: RunState = {
        vault,
        apply: { vault, strategy: strategyOf, hashKey: options.hashKey },
        leaked: new Set(),
        known: new KnownValues(),
        minimized: new StringMap(),
        scanned: new StringMap(),
        egressCalls: 0,
        counts: undefined,
        found: false,
        learn: (text) => {
          if (detectAndRegister(text, run).length > 0) run.found = true;
          return text;
        },
        minimize: (text) => minimizeString(text, run),
      };
      state = run;
      context.runState.set(key, state);
      live.set(context.runId, state);
    }
    return state;
  }

  const readers = new WeakMap<readonly string[], Map<string, boolean>>();
  function readerFor(capabilities: readonly string[]): (dataClass: string) => boolean {
    let memo = readers.get(capabilities);
    if (!memo) {
      memo = new Map();
      readers.set(capabilities, memo);
    }
    const known = memo;
    return (dataClass) => {
      let allowed = known.get(dataClass);
      if (allowed === undefined) {
        allowed = options.canRead
          ? options.canRead(capabilities, dataClass)
          : canReadDataClass(capabilities, dataClass, options.permissions);
        known.set(dataClass, allowed);
      }
      return allowed;
    };
  }

  function remember<V>(cache: StringMap<V>, text: string, value: V): void {
    if (cache.size >= cacheSize) cache.clear();
    cache.set(text, value);
  }

  /** Detector findings for `text`, cached per run. */
  function findingsOf(text: string, state: RunState): readonly Finding[] {
    if (text.length < 4) return NONE;
    let findings = state.scanned.get(text);
    if (findings === undefined) {
      findings = detector.detect(text);
      remember(state.scanned, text, findings.length === 0 ? NONE : findings);
    }
    return findings;
  }

  /** Detector findings for `text` (cached per run), with new values registered and counted in `state.counts`. */
  function detectAndRegister(text: string, state: RunState): readonly Finding[] {
    const findings = findingsOf(text, state);
    for (let i = 0; i < findings.length; i++) {
      const finding = findings[i]!;
      if (state.known.register(text.slice(finding.start, finding.end), finding.dataClass)) {
        state.counts ??= {};
        state.counts[finding.dataClass] = (state.counts[finding.dataClass] ?? 0) + 1;
      }
    }
    return findings;
  }

  /**
   * `text` with its detector findings and every known value replaced. Every string of the
   * request went through `detectAndRegister` just before (the learn pass), so its values are
   * registered already: this pass only reads the findings.
   */
  function minimizeString(text: string, state: RunState): string {
    if (text.length < 3) return text;
    const cached = state.minimized.get(text);
    if (cached !== undefined && cached.generation === state.known.generation) return cached.text;
    const findings = findingsOf(text, state);
    // Values detected anywhere in the run are replaced wherever they appear, also without
    // the context that revealed them; detector findings win where the two overlap.
    // The scan leaves out occurrences overlapping a finding (most are the findings themselves).
    const known = state.known.occurrences(text, findings);
    let spans: readonly Finding[] = findings;
    if (known.length > 0) {
      const merged: Finding[] = findings.slice();
      for (const occurrence of known) {
        merged.push({
          type: detector.labelOf(occurrence.dataClass),
          dataClass: occurrence.dataClass,
          start: occurrence.start,
          end: occurrence.end,
          score: 1,
          recognizer: 'known-value',
        });
      }
      spans = merged.sort((a, b) => a.start - b.start);
    }
    const out = spans.length > 0 ? applyStrategies(text, spans, state.apply) : text;
    const generation = state.known.generation;
    remember(state.minimized, text, { generation, text: out });
    if (out !== text) {
      // The egress re-scan checks what bypassed this minimizer; its own output is not re-scanned.
      remember(state.minimized, out, { generation, text: out });
      remember(state.scanned, out, NONE);
    }
    return out;
  }

  /** `message` with `min` applied to each of its minimizable strings; the same object when none changed. */
  function minimizeMessage(message: Message, min: (text: string) => string): Message {
    switch (message.role) {
      case 'system': {
        const content = min(message.content);
        return content === message.content ? message : { ...message, content };
      }
      case 'user': {
        let content: typeof message.content | undefined;
        for (let i = 0; i < message.content.length; i++) {
          const part = message.content[i]!;
          if (part.type !== 'text') continue;
          const text = min(part.text);
          if (text !== part.text) {
            content ??= message.content.slice();
            content[i] = { ...part, text };
          }
        }
        return content ? { ...message, content } : message;
      }
      case 'assistant': {
        let content: typeof message.content | undefined;
        for (let i = 0; i < message.content.length; i++) {
          const part = message.content[i]!;
          // Signed reasoning must be replayed verbatim (the provider checks it) and was produced
          // from minimized input; unsigned reasoning is minimized like text.
          if (part.type === 'text' || (part.type === 'reasoning' && part.signature === undefined)) {
            const text = min(part.text);
            if (text !== part.text) {
              content ??= message.content.slice();
              content[i] = { ...part, text };
            }
          } else if (part.type === 'tool-call') {
            const input = mapStrings(part.input, min);
            if (input !== part.input) {
              content ??= message.content.slice();
              content[i] = { ...part, input };
            }
          }
        }
        return content ? { ...message, content } : message;
      }
      case 'tool': {
        let content: typeof message.content | undefined;
        for (let i = 0; i < message.content.length; i++) {
          const part = message.content[i]!;
          const output = mapStrings(part.output, min);
          if (output !== part.output) {
            content ??= message.content.slice();
            content[i] = { ...part, output };
          }
        }
        return content ? { ...message, content } : message;
      }
      default:
        return message;
    }
  }

  const toolStrings = new WeakMap<object, Set<string>>();
  function developerStrings(request: ModelRequest): Set<string> | undefined {
    if (!request.tools || request.tools.length === 0) return undefined;
    let set = toolStrings.get(request.tools);
    if (!set) {
      const strings = new Set<string>();
      mapStrings(request.tools, (s) => {
        strings.add(s);
        return s;
      });
      set = strings;
      toolStrings.set(request.tools, set);
    }
    return set;
  }

  function scan(text: string, state: RunState): readonly Finding[] {
    let findings = state.scanned.get(text);
    if (findings === undefined) {
      findings = text.length < 4 ? [] : detector.detect(text);
      remember(state.scanned, text, findings);
    }
    return findings;
  }

  return {
    name,
    detector,
    vault: (runId) => live.get(runId)?.vault ?? persisted.get(runId),

    beforeModelCall(request, context): PolicyDecision<ModelRequest> {
      const state = stateOf(context);
      state.counts = undefined;
      state.found = false;
      // First learn every sensitive value in the request, then replace: a value revealed by
      // context in a later message is also replaced in earlier ones.
      const all = request.messages;
      for (let i = 0; i < all.length; i++) minimizeMessage(all[i]!, state.learn);
      const counts = state.counts as Record<string, number> | undefined;
      state.counts = undefined;
      // Nothing detected here and no value known from earlier calls: nothing to replace.
      if (!state.found && state.known.size === 0) return ALLOW;
      let messages: Message[] | undefined;
      for (let i = 0; i < all.length; i++) {
        const message = all[i]!;
        const next = minimizeMessage(message, state.minimize);
        if (next !== message) {
          messages ??= all.slice();
          messages[i] = next;
        }
      }
      if (counts !== undefined)
        context.emit({ type: 'data-minimized', taskId: context.taskId, findings: counts });
      if (!messages) return { action: 'allow' };
      return {
        action: 'transform',
        value: { ...request, messages },
        reason:
          counts !== undefined
            ? `minimized ${Object.keys(counts).join(', ')}`
            : 'replaced known sensitive values',
      };
    },

    inspectEgress(request, serialized, context) {
      const state = stateOf(context);
      const leaked: Record<string, number> = {};
      let newlyDetected: Record<string, number> | undefined;
      // `serialized` is the request's JSON, so its strings are the request's own unless
      // something in it serializes itself differently (toJSON, class instances). The arrays
      // are reused across calls (this hook is synchronous): no garbage per call.
      const strings = egressStrings;
      const keys = egressKeys;
      try {
        // Object keys matter only to the vault check, which has nothing to look for until a
        // value was detected in this run.
        if (collectJsonStrings(request, strings, state.known.size > 0 ? keys : undefined)) {
          // Every value detected in this run, as a whole token, string by string. A string this
          // minimizer produced from the values known now had every occurrence replaced then.
          if (state.known.size > 0) {
            const generation = state.known.generation;
            for (let i = 0; i < strings.length; i++) {
              const text = strings.items[i]!;
              const produced = state.minimized.get(text);
              if (produced !== undefined && produced.generation === generation && produced.text === text)
                continue;
              countLeaks(state.known.occurrences(text), state, leaked);
            }
            for (let i = 0; i < keys.length; i++)
              countLeaks(state.known.occurrences(keys.items[i]!), state, leaked);
          }
        } else {
          // The JSON differs from the object: scan what is actually sent, raw or JSON-escaped.
          strings.clear();
          const json = serialized.json;
          countLeaks(state.known.occurrences(json), state, leaked);
          try {
            mapStrings(JSON.parse(json), (s) => {
              strings.push(s);
              return s;
            });
          } catch {
            strings.clear();
            strings.push(json);
          }
        }
        // Re-run the detectors on what is sent, string by string.
        const developer = developerStrings(request);
        for (let i = 0; i < strings.length; i++) {
          const text = strings.items[i]!;
          if (developer?.has(text)) continue;
          const findings = scan(text, state);
          for (let j = 0; j < findings.length; j++) {
            const finding = findings[j]!;
            const value = text.slice(finding.start, finding.end);
            const id = `${finding.dataClass}\u0000${value}`;
            if (state.leaked.has(id)) continue;
            // A value minimized earlier was already counted by the vault check above. Found only
            // here: it was never minimized. It counts as detected and as leaked.
            if (!state.known.register(value, finding.dataClass)) continue;
            state.leaked.add(id);
            newlyDetected ??= {};
            newlyDetected[finding.dataClass] = (newlyDetected[finding.dataClass] ?? 0) + 1;
            leaked[finding.dataClass] = (leaked[finding.dataClass] ?? 0) + 1;
          }
        }
      } finally {
        strings.clear();
        keys.clear();
      }
      if (newlyDetected !== undefined)
        context.emit({ type: 'data-minimized', taskId: context.taskId, findings: newlyDetected });
      const callId =
        (context as PolicyContext & { callId?: string }).callId ??
        `${context.taskId}#egress-${++state.egressCalls}`;
      context.emit({
        type: 'egress-scanned',
        taskId: context.taskId,
        callId,
        bytes: serialized.bytes,
        leaked,
      });
    },

    beforeToolCall(call, context): PolicyDecision<ToolCallRequest> {
      if (options.rehydrateToolCalls === false) return { action: 'allow' };
      const state = context.runState.get(key) as RunState | undefined;
      if (!state || state.vault.size === 0) return { action: 'allow' };
      const counts: RehydrationCounts = { restored: {}, withheld: {} };
      const input = rehydrateValue(call.input, state.vault, readerFor(context.capabilities), counts);
      const withheld = Object.entries(counts.withheld).map(([c, n]) => `${n} ${c}`);
      if (input === call.input) return { action: 'allow' };
      const restored = Object.entries(counts.restored).map(([c, n]) => `${n} ${c}`);
      return {
        action: 'transform',
        value: { ...call, input },
        reason: `rehydrated ${restored.join(', ')}${withheld.length > 0 ? `; withheld ${withheld.join(', ')} (no data:<class>:read capability)` : ''}`,
      };
    },

    afterResult(value, context): PolicyDecision<IngressValue> {
      if (value.kind === 'tool') {
        const projection = options.projections?.[value.toolName];
        if (projection === undefined) return { action: 'allow' };
        return {
          action: 'transform',
          value: { ...value, output: projectToolOutput(value.output, projection) },
          reason: `projected ${value.toolName} output to declared fields`,
        };
      }
      if (value.kind !== 'final' || rehydrateOutput === 'never') return { action: 'allow' };
      const state = context.runState.get(key) as RunState | undefined;
      if (!state || state.vault.size === 0) return { action: 'allow' };
      const allow = rehydrateOutput === 'always' ? () => true : readerFor(context.capabilities);
      const output = rehydrateValue(value.output, state.vault, allow);
      return output === value.output
        ? { action: 'allow' }
        : {
            action: 'transform',
            value: { ...value, output },
            reason: 'rehydrated placeholders for the caller',
          };
    },

    streamTransform(context): TextStreamTransform | undefined {
      if (rehydrateOutput === 'never') return undefined;
      const state = stateOf(context);
      return createRehydrationStream(
        state.vault,
        rehydrateOutput === 'always' ? () => true : readerFor(context.capabilities),
      );
    },

    beforeStore(record, context): PolicyDecision<StoreRecord> {
      if (!retention) return { action: 'allow' };
      const state = stateOf(context);
      const classes = new Set(record.dataClasses);
      const value = mapStrings(record.value, (text) => {
        const findings = scan(text, state);
        if (findings.length === 0) return text;
        const redact: Finding[] = [];
        for (const finding of findings) {
          if (redactOnStore.some((prefix) => dataClassMatches(finding.dataClass, prefix)))
            redact.push(finding);
          else classes.add(finding.dataClass);
        }
        return redact.length === 0 ? text : applyStrategies(text, redact, { vault: state.vault });
      });
      const dataClasses = [...classes].sort();
      const ttl = retentionTtl(dataClasses, ttlTable);
      const ttlMs = record.ttlMs === undefined ? ttl : Math.min(record.ttlMs, ttl);
      return {
        action: 'transform',
        value: { ...record, value, dataClasses, ttlMs },
        reason: `retention ${ttlMs} ms${dataClasses.length > 0 ? ` (${dataClasses.join(', ')})` : ''}`,
      };
    },

    onRunEnd(context) {
      const state = context.runState.get(key) as RunState | undefined;
      live.delete(context.runId);
      context.runState.delete(key);
      if (!state) return;
      if (options.persistVault) persisted.set(context.runId, state.vault);
      else state.vault.clear();
      state.known.clear();
      state.leaked.clear();
      state.minimized.clear();
      state.scanned.clear();
    },
  };
}
