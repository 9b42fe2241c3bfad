import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunEvent, RunEventBody } from '@baton/core/contracts';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  createAuditLog,
  GENESIS_HASH,
  hashAuditRecord,
  summarizeAuditLog,
  verifyAuditLog,
} from '../../src/permissions/index.js';

let seq = 0;
const at = (body: RunEventBody): RunEvent =>
  ({ ...body, seq: seq++, time: 1_764_000_000_000 + seq, runId: 'run_1' }) as RunEvent;

/** A small run: alice starts it, a researcher is denied once, an approval is granted. */
function sampleEvents(): RunEvent[] {
  seq = 0;
  return [
    at({ type: 'run-started', rootTaskId: 't0', agent: 'supervisor', principal: 'alice' }),
    at({
      type: 'task-queued',
      taskId: 't0',
      agent: 'supervisor',
      priority: 0,
      capabilities: ['notes:read', 'fs:write:/reports/**', 'email:send'],
    }),
    at({
      type: 'task-queued',
      taskId: 't1',
      parentId: 't0',
      agent: 'researcher',
      priority: 0,
      capabilities: ['notes:read'],
    }),
    at({ type: 'task-started', taskId: 't1' }),
    at({
      type: 'permission-checked',
      taskId: 't1',
      toolCallId: 'call_1',
      agent: 'researcher',
      toolName: 'search_notes',
      capabilities: ['notes:read:/team/q3'],
      allowed: true,
      reason: 'covered by notes:read',
      argsDigest: 'd1',
      knownTool: true,
    }),
    at({
      type: 'permission-checked',
      taskId: 't1',
      toolCallId: 'call_2',
      agent: 'researcher',
      toolName: 'write_file',
      capabilities: ['fs:write:/etc/passwd'],
      allowed: false,
      reason: 'no grant covers fs:write:/etc/passwd',
      argsDigest: 'd2',
      knownTool: true,
    }),
    at({
      type: 'policy-decision',
      taskId: 't1',
      policy: 'minimize',
      boundary: 'egress',
      action: 'transform',
      reason: '1 email',
    }),
    at({
      type: 'permission-checked',
      taskId: 't0',
      toolCallId: 'call_3',
      agent: 'supervisor',
      toolName: 'send_email',
      capabilities: ['email:send:bob@example.com'],
      allowed: true,
      reason: 'covered by email:send',
      argsDigest: 'd3',
      knownTool: true,
    }),
    at({
      type: 'approval-requested',
      approvalId: 'apr_1',
      taskId: 't0',
      toolName: 'send_email',
      capabilities: ['email:send:bob@example.com'],
      argsDigest: 'd3',
    }),
    at({ type: 'approval-resolved', approvalId: 'apr_1', taskId: 't0', approved: true, by: 'user' }),
    at({ type: 'run-finished', status: 'succeeded' }),
  ];
}

function sampleLog(): string {
  const audit = createAuditLog();
  for (const event of sampleEvents()) audit.onEvent(event);
  return audit.text();
}

describe('canonicalJson', () => {
  it('sorts keys, drops undefined members and has no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined, d: { z: 1, y: '\u00e9"' } })).toBe(
      '{"a":[true,null,"x"],"b":1,"d":{"y":"é\\"","z":1}}',
    );
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
  });
});

describe('createAuditLog', () => {
  it('writes one chained record per permission-relevant event', () => {
    const lines = sampleLog().trim().split('\n');
    const records = lines.map((line) => JSON.parse(line));
    expect(records.map((r) => r.decision)).toEqual([
      'run-started',
      'granted',
      'granted',
      'allowed',
      'denied',
      'policy-transform',
      'allowed',
      'approval-requested',
      'approved',
      'run-finished',
    ]);
    expect(records[0]).toMatchObject({
      seq: 0,
      prevHash: GENESIS_HASH,
      principal: 'alice',
      agent: 'supervisor',
      task: 't0',
    });
    expect(records[4]).toMatchObject({
      decision: 'denied',
      principal: 'alice',
      agent: 'researcher',
      task: 't1',
      tool: 'write_file',
      capability: 'fs:write:/etc/passwd',
      argsDigest: 'd2',
      reason: 'no grant covers fs:write:/etc/passwd',
    });
    expect(records[8]).toMatchObject({
      decision: 'approved',
      agent: 'supervisor',
      approvalId: 'apr_1',
      capability: 'email:send:bob@example.com',
      argsDigest: 'd3',
      reason: 'approved by user',
    });
    for (let i = 0; i < records.length; i++) {
      expect(records[i].seq).toBe(i);
      expect(records[i].prevHash).toBe(i === 0 ? GENESIS_HASH : records[i - 1].hash);
      expect(records[i].hash).toBe(hashAuditRecord(records[i]));
      // Each line is the canonical JSON of the record.
      expect(lines[i]).toBe(canonicalJson(records[i]));
      expect(records[i].time).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
  });

  it('appends to a file and continues an existing chain', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'baton-audit-')), 'audit.jsonl');
    const first = createAuditLog({ path });
    const events = sampleEvents();
    for (const event of events.slice(0, 5)) first.onEvent(event);
    first.close();
    const second = createAuditLog({ path });
    for (const event of events.slice(5)) second.onEvent(event);
    const head = second.head();
    second.close();
    const text = readFileSync(path, 'utf8');
    const result = verifyAuditLog(text, { head: head.hash });
    expect(result.ok).toBe(true);
    expect(result.ok && result.records.length).toBe(10);
    expect(head.seq).toBe(9);
    expect(() => second.append({} as never)).toThrow(/closed/);
  });

  it('refuses to continue a file whose last line is not a record', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'baton-audit-')), 'audit.jsonl');
    writeFileSync(path, 'garbage\n');
    expect(() => createAuditLog({ path })).toThrow(/last line is not an audit record/);
  });

  it('sends lines to a custom writer', () => {
    const lines: string[] = [];
    const audit = createAuditLog({ write: (line) => lines.push(line) });
    for (const event of sampleEvents()) audit.onEvent(event);
    expect(lines).toHaveLength(10);
    expect(audit.text()).toBe('');
    expect(verifyAuditLog(lines.join('')).ok).toBe(true);
  });
});

describe('verifyAuditLog', () => {
  const text = sampleLog();
  const lines = text.trim().split('\n');
  const join = (l: string[]) => `${l.join('\n')}\n`;

  it('accepts an intact log (and blank lines)', () => {
    const result = verifyAuditLog(text);
    expect(result.ok).toBe(true);
    expect(verifyAuditLog(`\n${text}\n\n`).ok).toBe(true);
    expect(verifyAuditLog('')).toEqual({ ok: true, records: [], head: GENESIS_HASH });
  });

  it('detects an edited record', () => {
    const edited = [...lines];
    edited[4] = edited[4]!.replace('"decision":"denied"', '"decision":"allowed"');
    expect(verifyAuditLog(join(edited))).toMatchObject({
      ok: false,
      index: 4,
      line: 5,
      reason: expect.stringMatching(/edited/),
    });
  });

  it('detects an edited record whose hash was recomputed (at the next record)', () => {
    const records = lines.map((line) => JSON.parse(line));
    records[4].decision = 'allowed';
    records[4].hash = hashAuditRecord(records[4]);
    const forged = records.map((r) => canonicalJson(r));
    expect(verifyAuditLog(join(forged))).toMatchObject({
      ok: false,
      index: 5,
      reason: expect.stringMatching(/prevHash/),
    });
  });

  it('detects a deleted record', () => {
    const deleted = lines.filter((_, i) => i !== 4);
    expect(verifyAuditLog(join(deleted))).toMatchObject({
      ok: false,
      index: 4,
      reason: expect.stringMatching(/expected seq 4 but found seq 5.*deleted/),
    });
  });

  it('detects a deleted first record', () => {
    expect(verifyAuditLog(join(lines.slice(1)))).toMatchObject({ ok: false, index: 0 });
  });

  it('detects an inserted record, even one chained correctly to its predecessor', () => {
    const previous = JSON.parse(lines[3]!);
    const forged = {
      ...JSON.parse(lines[4]!),
      seq: 4,
      prevHash: previous.hash,
      decision: 'allowed',
      reason: 'forged',
    };
    forged.hash = hashAuditRecord(forged);
    const inserted = [...lines.slice(0, 4), canonicalJson(forged), ...lines.slice(4)];
    expect(verifyAuditLog(join(inserted))).toMatchObject({
      ok: false,
      index: 5,
      reason: expect.stringMatching(/inserted/),
    });
  });

  it('detects reordered records', () => {
    const reordered = [...lines];
    [reordered[3], reordered[4]] = [reordered[4]!, reordered[3]!];
    expect(verifyAuditLog(join(reordered))).toMatchObject({
      ok: false,
      index: 3,
      reason: expect.stringMatching(/reordered/),
    });
  });

  it('detects truncation at the end only against an anchored head', () => {
    const head = JSON.parse(lines[lines.length - 1]!).hash;
    const truncated = join(lines.slice(0, -2));
    expect(verifyAuditLog(truncated).ok).toBe(true);
    expect(verifyAuditLog(truncated, { head })).toMatchObject({
      ok: false,
      index: 8,
      reason: expect.stringMatching(/removed from the end/),
    });
  });

  it('names malformed lines', () => {
    const broken = [...lines];
    broken[2] = '{"seq": 2,';
    expect(verifyAuditLog(join(broken))).toMatchObject({
      ok: false,
      index: 2,
      reason: expect.stringMatching(/not valid JSON/),
    });
    broken[2] = '[1]';
    expect(verifyAuditLog(join(broken))).toMatchObject({
      ok: false,
      index: 2,
      reason: expect.stringMatching(/not a JSON object/),
    });
    broken[2] = '{"seq":2}';
    expect(verifyAuditLog(join(broken))).toMatchObject({
      ok: false,
      index: 2,
      reason: expect.stringMatching(/hash/),
    });
  });
});

describe('summarizeAuditLog', () => {
  it('summarizes per agent', () => {
    const summary = summarizeAuditLog(sampleLog());
    expect(summary).toMatchObject({ intact: true, records: 10, runs: ['run_1'], principals: ['alice'] });
    const researcher = summary.agents.find((a) => a.agent === 'researcher')!;
    expect(researcher).toMatchObject({
      tasks: 1,
      capabilitiesHeld: ['notes:read'],
      calls: { allowed: 1, denied: 1 },
      byCapability: {
        'notes:read:/team/q3': { allowed: 1, denied: 0 },
        'fs:write:/etc/passwd': { allowed: 0, denied: 1 },
      },
    });
    expect(researcher.grantsUsed).toEqual({ 'notes:read': 1 });
    expect(researcher.unusedGrants).toEqual([]);
    expect(researcher.denials).toEqual([
      {
        task: 't1',
        tool: 'write_file',
        capability: 'fs:write:/etc/passwd',
        reason: 'no grant covers fs:write:/etc/passwd',
      },
    ]);
    const supervisor = summary.agents.find((a) => a.agent === 'supervisor')!;
    expect(supervisor.approvals).toEqual({ requested: 1, approved: 1, rejected: 0 });
    expect(supervisor.capabilitiesHeld).toEqual(['email:send', 'fs:write:/reports/**', 'notes:read']);
    expect(supervisor.grantsUsed).toEqual({ 'email:send': 1 });
    expect(supervisor.unusedGrants).toEqual(['fs:write:/reports/**', 'notes:read']);
  });

  it('marks a broken log and still summarizes what parses', () => {
    const lines = sampleLog().trim().split('\n');
    lines.splice(4, 1);
    const summary = summarizeAuditLog(`${lines.join('\n')}\nnot json\n`);
    expect(summary.intact).toBe(false);
    expect(summary.broken).toMatchObject({ index: 4 });
    expect(summary.unreadable).toBe(1);
  });
});
