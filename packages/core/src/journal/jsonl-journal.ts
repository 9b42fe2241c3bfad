import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Policy, PolicyContext, StoreRecord } from '../contracts/policy.js';
import type { RunEvent, RunEventInput } from '../contracts/run-event.js';

/** What a journal stored, by retention class, for the report's storage figures. */
export interface StoredSummary {
  kind: string;
  records: number;
  bytes: number;
  ttlMs: number;
  dataClasses: string[];
}

/** Options of the JSONL event journal. */
export interface JsonlJournalOptions {
  /** File to append to (created with its folder). */
  path: string;
  /** How long events may be kept unless a `beforeStore` policy says otherwise (default 30 days). */
  ttlMs?: number;
  /** Policies whose `beforeStore` hook sees (and may rewrite or refuse) each record. */
  policies?: readonly Policy[];
  /** The run's policy state (the vault), so store hooks can recognise values minimized earlier. */
  runState?: Map<unknown, unknown>;
}

const flushBytes = 64 * 1024;
const DAY_MS = 86_400_000;

/**
 * Appends every event of a run to a JSONL file, written in batches with synchronous
 * writes so that a crash loses at most the current batch and a failed run keeps its
 * journal. Each record passes the `beforeStore` policies first (retention boundary).
 */
export class JsonlJournal {
  private fd: number;
  private buffer = '';
  private readonly byClass = new Map<string, StoredSummary>();
  private readonly storePolicies: readonly Policy[];
  private readonly ttlMs: number;
  private closed = false;
  private scheduled = false;

  constructor(private readonly options: JsonlJournalOptions) {
    mkdirSync(dirname(options.path), { recursive: true });
    this.fd = openSync(options.path, 'a');
    this.ttlMs = options.ttlMs ?? 30 * DAY_MS;
    this.storePolicies = (options.policies ?? []).filter((p) => p.beforeStore);
  }

  /** Subscribe this to a run's events. */
  readonly write = (event: RunEvent): void => {
    if (this.closed) return;
    let record: StoreRecord = { kind: 'event', dataClasses: [], ttlMs: this.ttlMs, value: event };
    if (this.storePolicies.length > 0) {
      const stored = this.applyPolicies(record, event);
      if (!stored) return;
      record = stored;
    }
    const line = `${JSON.stringify(record.value)}\n`;
    this.buffer += line;
    this.count(record, Buffer.byteLength(line));
    if (this.buffer.length >= flushBytes) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.flush();
      });
    }
  };

  /** Writes what is buffered. */
  flush(): void {
    if (this.buffer === '' || this.closed) return;
    writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  /** Flushes and closes; returns what was stored per retention class. */
  close(): StoredSummary[] {
    if (!this.closed) {
      this.flush();
      this.closed = true;
      closeSync(this.fd);
    }
    return [...this.byClass.values()];
  }

  /** The events to add to the run's stream describing what was stored. */
  summaryEvents(): RunEventInput[] {
    return this.close().map((s) => ({ type: 'record-stored', ...s }));
  }

  private applyPolicies(record: StoreRecord, event: RunEvent): StoreRecord | undefined {
    const context: PolicyContext = {
      runId: event.runId,
      taskId: 'taskId' in event ? String(event.taskId) : '',
      agent: '',
      capabilities: [],
      runState: this.options.runState ?? new Map(),
      emit: () => {},
    };
    let current = record;
    for (const policy of this.storePolicies) {
      // Store hooks must be synchronous here: the journal writes in event order.
      const decision = policy.beforeStore!(current, context);
      if (decision instanceof Promise)
        throw new Error(`policy ${policy.name}: beforeStore must be synchronous for the journal`);
      if (decision.action === 'deny') return undefined;
      if (decision.action === 'transform') current = decision.value;
    }
    return current;
  }

  private count(record: StoreRecord, bytes: number): void {
    const ttl = record.ttlMs ?? this.ttlMs;
    const classes = record.dataClasses;
    const key = `${record.kind}\u0000${ttl}\u0000${classes.join(',')}`;
    const entry = this.byClass.get(key) ?? {
      kind: `journal.${record.kind}`,
      records: 0,
      bytes: 0,
      ttlMs: ttl,
      dataClasses: [...classes],
    };
    entry.records++;
    entry.bytes += bytes;
    this.byClass.set(key, entry);
  }
}
