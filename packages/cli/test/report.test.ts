import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

describe('baton report', () => {
  it('renders the run report of a real run as a page with every task and metric', async () => {
    const out = mkdtempSync(join(tmpdir(), 'baton-report-'));
    expect((await runCli(['run', 'research-team', '--out', out, '--json'])).code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    const result = await runCli(['report', join(out, 'run.json'), '--html', join(out, 'run.html')]);
    expect(result.code).toBe(0);
    const html = readFileSync(join(out, 'run.html'), 'utf8');
    expect(html).toContain(`<title>Baton run ${report.runId}</title>`);
    for (const task of report.tasks) expect(html).toContain(`<td>${task.id}</td><td>${task.agent}</td>`);
    expect(html).toContain(`<th>scheduling</th><td>${report.metrics.schedulingEfficiency.toFixed(2)}</td>`);
    expect(html).not.toMatch(/<script/i);
  });

  it('prints the readable summary without --html', async () => {
    const out = mkdtempSync(join(tmpdir(), 'baton-report-'));
    await runCli(['run', 'research-team', '--out', out, '--json']);
    const result = await runCli(['report', join(out, 'run.json')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Run run_\w+ succeeded/);
  });

  it('escapes what it renders', async () => {
    const out = mkdtempSync(join(tmpdir(), 'baton-report-'));
    await runCli(['run', 'research-team', '--out', out, '--json']);
    const report = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    report.tasks[0].agent = '<img src=x onerror=alert(1)>';
    writeFileSync(join(out, 'evil.json'), JSON.stringify(report));
    await runCli(['report', join(out, 'evil.json'), '--html', join(out, 'evil.html')]);
    const html = readFileSync(join(out, 'evil.html'), 'utf8');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it.each([
    [[], /expected exactly one RUN.json/],
    [['missing.json'], /cannot read missing.json/],
  ])('rejects %j with exit 2', async (argv, message) => {
    const result = await runCli(['report', ...argv]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('rejects a JSON file that is not a run report, naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-report-'));
    writeFileSync(join(dir, 'x.json'), JSON.stringify({ runId: 'r', status: 'succeeded' }));
    const result = await runCli(['report', join(dir, 'x.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not a run report: startedAt/);
  });
});
