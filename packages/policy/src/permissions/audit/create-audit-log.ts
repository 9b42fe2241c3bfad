import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { RunEvent } from '@baton/core/contracts';
import { ValidationError } from '@baton/core/contracts';
import {
  type AuditEntry,
  type AuditRecord,
  chainAuditRecord,
  formatAuditLine,
  GENESIS_HASH,
} from './audit-record.js';

/** Where `createAuditLog` writes. */
export interface AuditLogOptions {
  /** Append to this JSONL file (created if missing; an existing chain is continued). */
  path?: string;
  /** Receive each line (with its trailing newline) instead of, or besides, the file. */
  write?: (line: string) => void;
}

/** An append-only, hash-chained audit log fed by run events. */
export interface AuditLog {
  /** Subscribe to a run: `orchestrator.run(agent, input, { onEvent: audit.onEvent })`. */
  readonly onEvent: (event: RunEvent) => void;
  /** Appends a record of your own (e.g. a decision made outside a run) and returns it chained. */
  append(entry: AuditEntry): AuditRecord;
  /** The last record's `seq` and `hash` (-1 and the genesis hash when empty): anchor it elsewhere to detect truncation. */
  head(): { seq: number; hash: string };
  /** Every line written so far, when neither `path` nor `write` was given (in-memory log); else ''. */
  text(): string;
  /** Closes the file, if any. Further appends throw. */
  close(): void;
}

interface TaskInfo {
  agent: string;
}

interface ApprovalInfo {
  agent: string | null;
  tool: string;
  capabilities: string[];
  argsDigest: string;
}

/**
 * Creates an audit log that turns run events into hash-chained records: `run-started`,
 * `run-finished`, `task-queued` with capabilities (`granted`), `permission-checked`
 * (`allowed` / `denied`), `approval-requested`, `approval-resolved` (`approved` /
 * `rejected`) and `policy-decision`. Lines are written synchronously, in event order.
 */
export function createAuditLog(options: AuditLogOptions = {}): AuditLog {
  let seq = -1;
  let prevHash = GENESIS_HASH;
  let fd: number | undefined;
  let closed = false;
  const memory: string[] | undefined =
    options.path === undefined && options.write === undefined ? [] : undefined;

  if (options.path !== undefined) {
    if (existsSync(options.path)) {
      const last = lastRecord(readFileSync(options.path, 'utf8'), options.path);
      if (last !== undefined) {
        seq = last.seq;
        prevHash = last.hash;
      }
    }
    fd = openSync(options.path, 'a');
  }

  const principals = new Map<string, string | null>();
  const tasks = new Map<string, TaskInfo>();
  const approvals = new Map<string, ApprovalInfo>();

  const append = (entry: AuditEntry): AuditRecord => {
    if (closed) throw new ValidationError('audit log is closed');
    const record = chainAuditRecord(entry, seq + 1, prevHash);
    const line = formatAuditLine(record);
    if (fd !== undefined) writeSync(fd, line);
    options.write?.(line);
    memory?.push(line);
    seq = record.seq;
    prevHash = record.hash;
    return record;
  };

  const onEvent = (event: RunEvent): void => {
    const runId = event.runId;
    const base = {
      time: new Date(Number.isFinite(event.time) ? event.time : Date.now()).toISOString(),
      runId,
      principal: principals.get(runId) ?? null,
    };
    const agentOf = (taskId: string | undefined) =>
      taskId === undefined ? null : (tasks.get(`${runId}\u0000${taskId}`)?.agent ?? null);
    switch (event.type) {
      case 'run-started':
        principals.set(runId, event.principal ?? null);
        tasks.set(`${runId}\u0000${event.rootTaskId}`, { agent: event.agent });
        append({
          ...base,
          principal: event.principal ?? null,
          decision: 'run-started',
          agent: event.agent,
          task: event.rootTaskId,
          tool: null,
          capability: null,
          capabilities: [],
          argsDigest: null,
          approvalId: null,
          reason: `run started by ${event.principal ?? 'an unknown principal'}`,
        });
        return;
      case 'task-queued':
        tasks.set(`${runId}\u0000${event.taskId}`, { agent: event.agent });
        if (event.capabilities === undefined) return;
        append({
          ...base,
          decision: 'granted',
          agent: event.agent,
          task: event.taskId,
          tool: null,
          capability: null,
          capabilities: [...event.capabilities],
          argsDigest: null,
          approvalId: null,
          reason:
            event.parentId === undefined
              ? `root task holds ${event.capabilities.length} capabilities`
              : `delegated by task ${event.parentId}: holds ${event.capabilities.length} capabilities`,
        });
        return;
      case 'permission-checked': {
        const capabilities = [...event.capabilities];
        const named = event.allowed ? undefined : capabilities.find((c) => event.reason.includes(c));
        append({
          ...base,
          decision: event.allowed ? 'allowed' : 'denied',
          agent: event.agent,
          task: event.taskId,
          tool: event.toolName,
          capability: named ?? capabilities[0] ?? null,
          capabilities,
          argsDigest: event.argsDigest,
          approvalId: null,
          reason: event.reason,
        });
        return;
      }
      case 'approval-requested': {
        const info: ApprovalInfo = {
          agent: agentOf(event.taskId),
          tool: event.toolName,
          capabilities: [...event.capabilities],
          argsDigest: event.argsDigest,
        };
        approvals.set(event.approvalId, info);
        append({
          ...base,
          decision: 'approval-requested',
          agent: info.agent,
          task: event.taskId,
          tool: info.tool,
          capability: info.capabilities[0] ?? null,
          capabilities: info.capabilities,
          argsDigest: info.argsDigest,
          approvalId: event.approvalId,
          reason: `waiting for approval of ${info.capabilities.join(', ') || info.tool}`,
        });
        return;
      }
      case 'approval-resolved': {
        const info = approvals.get(event.approvalId);
        approvals.delete(event.approvalId);
        append({
          ...base,
          decision: event.approved ? 'approved' : 'rejected',
          agent: info?.agent ?? agentOf(event.taskId),
          task: event.taskId,
          tool: info?.tool ?? null,
          capability: info?.capabilities[0] ?? null,
          capabilities: info?.capabilities ?? [],
          argsDigest: info?.argsDigest ?? null,
          approvalId: event.approvalId,
          reason: `${event.approved ? 'approved' : 'rejected'} by ${event.by}`,
        });
        return;
      }
      case 'policy-decision':
        append({
          ...base,
          decision: `policy-${event.action}`,
          agent: agentOf(event.taskId),
          task: event.taskId ?? null,
          tool: null,
          capability: null,
          capabilities: [],
          argsDigest: null,
          approvalId: null,
          reason: `policy '${event.policy}' at ${event.boundary}${event.reason ? `: ${event.reason}` : ''}`,
        });
        return;
      case 'run-finished':
        append({
          ...base,
          decision: 'run-finished',
          agent: null,
          task: null,
          tool: null,
          capability: null,
          capabilities: [],
          argsDigest: null,
          approvalId: null,
          reason: event.error ? `${event.status}: ${event.error.message}` : event.status,
        });
        principals.delete(runId);
        for (const key of tasks.keys()) if (key.startsWith(`${runId}\u0000`)) tasks.delete(key);
        return;
      default:
        return;
    }
  };

  return {
    onEvent,
    append,
    head: () => ({ seq, hash: prevHash }),
    text: () => (memory === undefined ? '' : memory.join('')),
    close() {
      if (closed) return;
      closed = true;
      if (fd !== undefined) closeSync(fd);
    },
  };
}

function lastRecord(text: string, path: string): { seq: number; hash: string } | undefined {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const last = lines[lines.length - 1];
  if (last === undefined) return undefined;
  try {
    const record = JSON.parse(last) as { seq?: unknown; hash?: unknown };
    if (typeof record.seq === 'number' && typeof record.hash === 'string')
      return { seq: record.seq, hash: record.hash };
  } catch {
    // fall through
  }
  throw new ValidationError(`cannot continue audit log ${path}: its last line is not an audit record`);
}
