import { type AuditRecord, GENESIS_HASH, hashAuditRecord } from './audit-record.js';

/** The outcome of `verifyAuditLog`. */
export type AuditVerification =
  | {
      ok: true;
      /** Every record, in order. */
      records: AuditRecord[];
      /** The last record's hash (the genesis hash when empty). */
      head: string;
    }
  | {
      ok: false;
      /** Index (from 0) of the first broken record among the log's records. */
      index: number;
      /** Its line number in the text (from 1). */
      line: number;
      /** What is wrong, naming the likely tampering. */
      reason: string;
    };

/** Options of `verifyAuditLog`. */
export interface VerifyAuditLogOptions {
  /** The expected last hash (anchored elsewhere, e.g. `audit.head().hash`): detects records removed from the end. */
  head?: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Verifies an audit log's hash chain. Each record must parse, hash to its `hash` (else it
 * was edited), carry `seq` equal to its position (else records were deleted, inserted or
 * reordered) and `prevHash` equal to the previous record's hash. Returns the first broken
 * record. Removing records from the very end leaves a valid chain; pass `head` to catch it.
 * Blank lines are ignored.
 */
export function verifyAuditLog(text: string, options: VerifyAuditLogOptions = {}): AuditVerification {
  const records: AuditRecord[] = [];
  let previous = GENESIS_HASH;
  const lines = text.split('\n');
  for (let lineIndex = 0; lineIndex < lines.length; lineIndex++) {
    const raw = lines[lineIndex]!.replace(/\r$/, '');
    if (raw.trim() === '') continue;
    const index = records.length;
    const fail = (reason: string): AuditVerification => ({
      ok: false,
      index,
      line: lineIndex + 1,
      reason: `record ${index} (line ${lineIndex + 1}): ${reason}`,
    });
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return fail('not valid JSON (the line was edited or truncated)');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('not a JSON object');
    const record = value as Record<string, unknown>;
    if (typeof record.hash !== 'string' || !HEX64.test(record.hash)) return fail('missing or malformed hash');
    if (typeof record.prevHash !== 'string' || !HEX64.test(record.prevHash))
      return fail('missing or malformed prevHash');
    if (typeof record.seq !== 'number' || !Number.isInteger(record.seq))
      return fail('missing or malformed seq');
    let computed: string;
    try {
      computed = hashAuditRecord(record);
    } catch {
      return fail('cannot be canonicalized');
    }
    if (computed !== record.hash) return fail('its content does not match its hash (the record was edited)');
    if (record.seq > index) {
      return fail(
        `expected seq ${index} but found seq ${record.seq} (records before it were deleted, or records were reordered)`,
      );
    }
    if (record.seq < index) {
      return fail(
        `expected seq ${index} but found seq ${record.seq} (a record was inserted, or records were reordered)`,
      );
    }
    if (record.prevHash !== previous) {
      return fail(
        index === 0
          ? 'the first record does not start the chain (records before it were deleted)'
          : `prevHash does not match the hash of record ${index - 1} (a record was inserted, deleted or replaced before it)`,
      );
    }
    previous = record.hash;
    records.push(record as unknown as AuditRecord);
  }
  if (options.head !== undefined && options.head !== previous) {
    const line = lines.length;
    return {
      ok: false,
      index: records.length,
      line,
      reason: `record ${records.length}: the log ends before the expected head ${options.head.slice(0, 12)}… (records were removed from the end)`,
    };
  }
  return { ok: true, records, head: previous };
}
