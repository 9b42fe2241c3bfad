import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunReportSchema } from '@baton/core';
import { verifyAuditLog } from '@baton/policy';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { repoRoot, runCli } from './helpers/run-cli.js';

describe('baton (dispatcher)', () => {
  it('prints usage and exits 2 without a command, 0 with --help', async () => {
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toMatch(/Usage: baton <command>/);
    expect((await runCli(['--help'])).code).toBe(0);
  });

  it('names an unknown command in one line and exits 2', async () => {
    const result = await runCli(['fly']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("baton: unknown command 'fly' (try `baton --help`)\n");
  });
});

describe('baton run', () => {
  it('runs the research-team demo offline and writes report, events and audit log', async () => {
    const out = mkdtempSync(join(tmpdir(), 'baton-run-'));
    const result = await runCli(['run', 'research-team', '--out', out, '--json']);
    expect(result.code).toBe(0);
    const report = RunReportSchema.extend({
      audit: z.object({ records: z.number(), head: z.string() }),
    }).parse(JSON.parse(result.stdout));
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'))).toEqual(JSON.parse(result.stdout));
    expect(report.status).toBe('succeeded');
    expect(report.tasks.filter((t) => t.agent === 'reader')).toHaveLength(20);
    expect(report.totals.maxConcurrency).toBeGreaterThan(1);
    expect(report.totals.maxConcurrency).toBeLessThanOrEqual(20);

    // The report's numbers agree with its own event stream.
    const events = readFileSync(join(out, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const count = (type: string) => events.filter((e) => e.type === type).length;
    expect(count('task-finished')).toBe(report.totals.tasks);
    expect(count('model-call-finished')).toBe(report.totals.modelCalls);
    expect(count('tool-call-finished')).toBe(report.totals.toolCalls);
    const input = events
      .filter((e) => e.type === 'model-call-finished')
      .reduce((s, e) => s + e.usage.inputTokens, 0);
    expect(report.totals.usage.inputTokens).toBe(input);
    expect(report.tasks.reduce((s, t) => s + t.usage.inputTokens, 0)).toBe(input);
    const sent = events.filter((e) => e.type === 'model-call-started').reduce((s, e) => s + e.bytes, 0);
    expect(report.totals.bytesSent).toBe(sent);

    // The publisher's forbidden email is denied, and the audit log verifies.
    expect(report.permissions.denied).toBeGreaterThanOrEqual(1);
    expect(report.permissions.escaped).toBe(0);
    const audit = readFileSync(join(out, 'audit.jsonl'), 'utf8');
    expect(verifyAuditLog(audit, { head: report.audit.head })).toMatchObject({ ok: true });
    const truncated = `${audit.trim().split('\n').slice(0, -1).join('\n')}\n`;
    expect(verifyAuditLog(truncated, { head: report.audit.head })).toMatchObject({ ok: false });
    expect(audit).toContain('email:send');
  });

  it('prints a readable summary without --json', async () => {
    const out = mkdtempSync(join(tmpdir(), 'baton-run-'));
    const result = await runCli(['run', 'research-team', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Run run_\w+ succeeded in /);
    expect(result.stdout).toMatch(/Efficiency {2}scheduling \d\.\d\d/);
    expect(result.stdout).toMatch(/Permissions \d+ tool calls checked · \d+ denied · 0 escaped/);
    expect(result.stdout).toContain('Answer');
    expect(result.stderr).toMatch(/tasks done/);
    expect(existsSync(join(out, 'audit.jsonl'))).toBe(true);
  });

  it.each([
    [['run'], /expected exactly one APP/],
    [['run', 'no-such-app'], /unknown app 'no-such-app'/],
    [
      ['run', 'research-team', '--model', 'nowhere:x'],
      /cannot use model nowhere:x: unknown provider "nowhere"/,
    ],
    [['run', 'research-team', '--model', 'gpt'], /must look like provider:model/],
    [['run', 'research-team', '--colour'], /run: Unknown option '--colour'/],
    [['run', 'research-team', '--model', 'openai:gpt-5.5'], /no credentials for openai: set OPENAI_API_KEY/],
    [['run', 'research-team', '--model', 'gemini:gemini-2.5-pro'], /set GEMINI_API_KEY or GOOGLE_API_KEY/],
  ])('rejects bad usage %j with one line and exit 2', async (argv, message) => {
    const result = await runCli(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('rejects an invalid config file naming the key', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'baton-cfg-'));
    writeFileSync(join(cwd, 'baton.config.json'), JSON.stringify({ limits: { concurrency: -1 } }));
    const result = await runCli(['run', join(repoRoot, 'apps/research-team')], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/limits\.concurrency/);
  });
});
