import type { ModelRequest } from './model/v1/model-request.js';
import type { ModelResult } from './model/v1/model-result.js';
import type { RunEventInput } from './run-event.js';

/** The four boundaries a policy can guard. */
export type PolicyBoundary = 'egress' | 'tool' | 'ingress' | 'store';

/** A policy's verdict: let it through, let a changed value through, or stop it. */
export type PolicyDecision<T> =
  | { action: 'allow' }
  | { action: 'transform'; value: T; reason?: string }
  | { action: 'deny'; reason: string };

/** What a policy knows about where it is called. */
export interface PolicyContext {
  readonly runId: string;
  readonly taskId: string;
  readonly agent: string;
  /** Capabilities the calling task holds (already attenuated). */
  readonly capabilities: readonly string[];
  /** The model call being inspected (set for `inspectEgress`; matches `model-call-started`). */
  readonly callId?: string;
  /** Per-run scratch space, dropped when the run ends (e.g. the pseudonymization vault). */
  readonly runState: Map<unknown, unknown>;
  /** Adds an event to the run's stream (for findings, leak counts, decisions); call it on the context. */
  emit(event: RunEventInput): void;
}

/** A model request's JSON as the egress monitor sees it. */
export interface SerializedRequest {
  /** `JSON.stringify(request)`, made on first read. */
  readonly json: string;
  /** UTF-8 bytes of that JSON: what the call sends, and what the transfer-cost figure counts. */
  readonly bytes: number;
}

/** A tool call about to run, with its validated input. */
export interface ToolCallRequest {
  toolName: string;
  toolCallId: string;
  input: unknown;
  /** Capabilities the call needs, computed from the validated input. */
  capabilities: readonly string[];
}

/** A value coming back into the agent: a model's answer, or a tool's output on its way to the model. */
export type IngressValue =
  | { kind: 'model'; result: ModelResult }
  | { kind: 'tool'; toolName: string; output: unknown }
  | { kind: 'final'; output: unknown };

/** Something about to be stored (journal record, memory entry, log line). */
export interface StoreRecord {
  kind: 'event' | 'memory' | 'log' | 'report';
  /** Data classes the value holds, e.g. `['pii.email']`; empty for none known. */
  dataClasses: string[];
  /** How long it may be kept; set or shortened by retention policies. */
  ttlMs?: number;
  value: unknown;
}

/** Rewrites a stream of text deltas (e.g. rehydrating placeholders split across chunks). */
export interface TextStreamTransform {
  push(delta: string): string;
  flush(): string;
}

type Hook<T, R = T> = (value: T, context: PolicyContext) => PolicyDecision<R> | Promise<PolicyDecision<R>>;

/**
 * Rules at the four boundaries. Policies compose in order: each sees the value the
 * previous one let through; the first `deny` stops the action.
 */
export interface Policy {
  /** Name shown in events and the audit log. */
  readonly name: string;
  /** Before a model call (egress): minimize or refuse the outbound request. */
  beforeModelCall?: Hook<ModelRequest>;
  /** Before a tool runs: check permission, rehydrate arguments. */
  beforeToolCall?: Hook<ToolCallRequest>;
  /** After a result (ingress): rehydrate answers, project tool outputs. */
  afterResult?: Hook<IngressValue>;
  /** Before anything is stored: tag or shorten retention, or refuse. */
  beforeStore?: Hook<StoreRecord>;
  /** Text-delta transform for streamed answers (the streaming twin of `afterResult`). */
  streamTransform?(context: PolicyContext): TextStreamTransform | undefined;
  /**
   * Scans the exact outbound request after all egress policies ran (the egress monitor).
   * `serialized` is its JSON, made on first read of `serialized.json`: a monitor that reads
   * the request's strings directly never pays for it.
   */
  inspectEgress?(request: ModelRequest, serialized: SerializedRequest, context: PolicyContext): void;
  /** Called once when a run ends, e.g. to drop the vault. */
  onRunEnd?(context: Pick<PolicyContext, 'runId' | 'runState' | 'emit'>): void;
}
