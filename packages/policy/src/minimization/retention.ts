import { DEFAULT_RETENTION_TTL_MS, lookupByClass } from './data-class.js';

/** Time-to-live for a record holding `dataClasses`: the shortest of their TTLs, or `default` for none. */
export function retentionTtl(
  dataClasses: readonly string[],
  table: Readonly<Record<string, number>> = DEFAULT_RETENTION_TTL_MS,
): number {
  const fallback = table.default ?? DEFAULT_RETENTION_TTL_MS.default!;
  if (dataClasses.length === 0) return fallback;
  let ttl = Number.POSITIVE_INFINITY;
  for (const dataClass of dataClasses) ttl = Math.min(ttl, lookupByClass(table, dataClass) ?? fallback);
  return ttl;
}

/** A stored record as retention sees it: when it was stored and for how long it may be kept. */
export interface RetainedRecord {
  /** Epoch ms when stored. */
  storedAt: number;
  /** Time-to-live in ms; absent means keep (no TTL known). */
  ttlMs?: number;
}

/** Splits records into those still within their TTL and those to purge at `now` (epoch ms). Store-agnostic. */
export function purgeExpired<T extends RetainedRecord>(
  records: Iterable<T>,
  now: number,
): { kept: T[]; expired: T[] } {
  const kept: T[] = [];
  const expired: T[] = [];
  for (const record of records) {
    if (record.ttlMs !== undefined && record.storedAt + record.ttlMs <= now) expired.push(record);
    else kept.push(record);
  }
  return { kept, expired };
}
