import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { RunEvent, RunEventBody } from '@baton/core';
import { createAuditLog } from '@baton/policy';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/cli-io.js';
import { auditCommand } from '../src/commands/audit.js';

function sampleLog(): string {
  let seq = 0;
  const at = (body: RunEventBody) =>
    ({ ...body, seq: seq++, time: 1_764_000_000_000 + seq, runId: 'run_1' }) as RunEvent;
  const audit = createAuditLog();
  for (const event of [
    at({ type: 'run-started', rootTaskId: 't0', agent: 'supervisor', principal: 'alice' }),
    at({
      type: 'task-queued',
      taskId: 't0',
      agent: 'supervisor',
      priority: 0,
      capabilities: ['notes:read', 'email:send'],
    }),
    at({
      type: 'task-queued',
      taskId: 't1',
      parentId: 't0',
      agent: 'reader',
      priority: 0,
      capabilities: ['notes:read'],
    }),
    at({
      type: 'permission-checked',
      taskId: 't1',
      toolCallId: 'call_1',
      agent: 'reader',
      toolName: 'search_notes',
      capabilities: ['notes:read'],
      allowed: true,
      reason: 'covered by notes:read',
      argsDigest: 'd1',
      knownTool: true,
    }),
    at({
      type: 'permission-checked',
      taskId: 't1',
      toolCallId: 'call_2',
      agent: 'reader',
      toolName: 'send_email',
      capabilities: ['email:send'],
      allowed: false,
      reason: 'no grant covers email:send',
      argsDigest: 'd2',
      knownTool: true,
    }),
    at({ type: 'run-finished', status: 'succeeded' }),
  ]) {
    audit.onEvent(event);
  }
  return audit.text();
}

async function run(argv: string[], files: Record<string, string>) {
  const cwd = mkdtempSync(join(tmpdir(), 'baton-audit-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(cwd, name), text);
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (chunk) => {
    out += chunk;
  });
  let code: number | undefined;
  let thrown: unknown;
  try {
    code = await auditCommand(argv, {
      stdin: Readable.from(['']),
      stdout,
      stderr: new PassThrough(),
      env: {},
      cwd,
    });
  } catch (error) {
    thrown = error;
  }
  return { code, out, thrown };
}

describe('baton audit verify', () => {
  const log = sampleLog();

  it('exits 0 for an intact log', async () => {
    const { code, out } = await run(['verify', 'audit.jsonl'], { 'audit.jsonl': log });
    expect(code).toBe(0);
    expect(out).toMatch(/^audit\.jsonl: intact, 6 records, head [0-9a-f]{64}\n$/);
  });

  it('exits 1 naming the first broken record', async () => {
    const lines = log.trim().split('\n');
    lines[3] = lines[3]!.replace('"allowed"', '"denied"');
    const { code, out } = await run(['verify', 'audit.jsonl'], { 'audit.jsonl': `${lines.join('\n')}\n` });
    expect(code).toBe(1);
    expect(out).toMatch(/BROKEN at record 3 \(line 4\): .*edited/);
  });

  it('prints JSON with --json', async () => {
    const lines = log.trim().split('\n');
    lines.splice(2, 1);
    const { code, out } = await run(['verify', '--json', 'audit.jsonl'], { 'audit.jsonl': lines.join('\n') });
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({
      ok: false,
      index: 2,
      line: 3,
      reason: expect.stringMatching(/deleted/),
    });
    const intact = await run(['verify', 'audit.jsonl', '--json'], { 'audit.jsonl': log });
    expect(JSON.parse(intact.out)).toMatchObject({ ok: true, records: 6 });
  });

  it('checks an anchored head', async () => {
    const lines = log.trim().split('\n');
    const head = JSON.parse(lines[5]!).hash as string;
    const truncated = `${lines.slice(0, 5).join('\n')}\n`;
    expect((await run(['verify', 'a.jsonl', '--head', head], { 'a.jsonl': truncated })).code).toBe(1);
    expect((await run(['verify', 'a.jsonl', '--head', head], { 'a.jsonl': log })).code).toBe(0);
  });

  it.each([
    [['verify']],
    [['verify', 'missing.jsonl']],
    [['frobnicate', 'x']],
    [['verify', 'a', 'b']],
    [['verify', '--head', 'xyz', 'a']],
  ])('bad usage %j → UsageError', async (argv) => {
    expect((await run(argv, {})).thrown).toBeInstanceOf(UsageError);
  });
});

describe('baton audit show', () => {
  it('summarizes per agent as text', async () => {
    const { code, out } = await run(['show', 'audit.jsonl'], { 'audit.jsonl': sampleLog() });
    expect(code).toBe(0);
    expect(out).toContain('audit log: 6 records, hash chain intact');
    expect(out).toContain('agent reader (1 task)');
    expect(out).toContain('  held: notes:read');
    expect(out).toContain('  calls: 1 allowed, 1 denied');
    expect(out).toContain('  grants used: notes:read (1)');
    expect(out).toContain('  unused grants: email:send');
    expect(out).toMatch(/email:send\s+0 allowed {2}1 denied/);
    expect(out).toContain('denied send_email (email:send) in t1: no grant covers email:send');
  });

  it('prints the summary as JSON with --json', async () => {
    const { out } = await run(['show', '--json', 'audit.jsonl'], { 'audit.jsonl': sampleLog() });
    const summary = JSON.parse(out);
    expect(summary.agents.map((a: { agent: string }) => a.agent)).toEqual(['reader', 'supervisor']);
    expect(summary.agents[0].byCapability).toEqual({
      'notes:read': { allowed: 1, denied: 0 },
      'email:send': { allowed: 0, denied: 1 },
    });
  });

  it('exits 1 and says so when the chain is broken', async () => {
    const lines = sampleLog().trim().split('\n');
    lines.splice(1, 1);
    const { code, out } = await run(['show', 'audit.jsonl'], { 'audit.jsonl': lines.join('\n') });
    expect(code).toBe(1);
    expect(out).toMatch(/hash chain BROKEN — record 1/);
  });
});
