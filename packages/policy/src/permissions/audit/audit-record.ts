import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/** What an audit record says happened. */
export type AuditDecision =
  /** A run began (`principal` started it, `agent` is the root agent). */
  | 'run-started'
  /** A run ended; `reason` holds its status. */
  | 'run-finished'
  /** A task was queued holding `capabilities` (after attenuation). */
  | 'granted'
  /** A tool call's permission check passed. */
  | 'allowed'
  /** A tool call's permission check failed; the call did not run. */
  | 'denied'
  /** A covered call paused for a human approval. */
  | 'approval-requested'
  /** A human approved the paused call. */
  | 'approved'
  /** The paused call was refused (by a human, a timeout or a cancellation). */
  | 'rejected'
  /** A policy hook's verdict. */
  | 'policy-allow'
  | 'policy-transform'
  | 'policy-deny';

/** One line of the audit log. */
export interface AuditRecord {
  /** Position in the log, from 0, no gaps. */
  seq: number;
  /** When it happened (ISO 8601, UTC). */
  time: string;
  /** The run the record belongs to, or null. */
  runId: string | null;
  decision: AuditDecision;
  /** Who started the run (the principal's id), or null when unknown. */
  principal: string | null;
  /** The agent whose task it concerns, or null. */
  agent: string | null;
  /** The task id, or null. */
  task: string | null;
  /** The tool called, or null. */
  tool: string | null;
  /** The capability the decision is about (for a denial, the one not covered), or null. */
  capability: string | null;
  /** All capabilities involved (required by the call, or held by the task). */
  capabilities: string[];
  /** Digest of the call's validated arguments, as the runtime computed it, or null. */
  argsDigest: string | null;
  /** The approval this record belongs to, or null. */
  approvalId: string | null;
  /** Why, in one line. */
  reason: string;
  /** `hash` of the previous record (64 zeros for the first). */
  prevHash: string;
  /** SHA-256 (hex) of the canonical JSON of this record without `hash`. */
  hash: string;
}

/** A record before it is chained. */
export type AuditEntry = Omit<AuditRecord, 'seq' | 'prevHash' | 'hash'>;

/** `prevHash` of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash of a record: SHA-256, as lowercase hex, of the UTF-8 bytes of the canonical
 * JSON (`canonicalJson`, RFC 8785) of the record with its `hash` member removed — so the
 * hash covers `prevHash` and every other member, and any edit breaks it.
 */
export function hashAuditRecord(record: Omit<AuditRecord, 'hash'> | Record<string, unknown>): string {
  const { hash: _hash, ...body } = record as Record<string, unknown>;
  return createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex');
}

/** Chains an entry after `prevHash` at `seq`. */
export function chainAuditRecord(entry: AuditEntry, seq: number, prevHash: string): AuditRecord {
  const body = { ...entry, seq, prevHash };
  return { ...body, hash: hashAuditRecord(body) };
}

/** The line written for a record: its canonical JSON (hash included) and a newline. */
export function formatAuditLine(record: AuditRecord): string {
  return `${canonicalJson(record)}\n`;
}
