import type { RunReport } from '@baton/core';

const number = new Intl.NumberFormat('en-US');
const seconds = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const usd = (value: number) => `$${value < 0.01 && value > 0 ? value.toExponential(2) : value.toFixed(4)}`;
const ratio = (value: number | null) => (value === null ? 'n/a' : value.toFixed(2));
const bytes = (value: number) =>
  value >= 1024 * 1024
    ? `${(value / 1024 / 1024).toFixed(1)} MB`
    : value >= 1024
      ? `${(value / 1024).toFixed(1)} KB`
      : `${value} B`;

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `  ${cells.map((c, i) => (i >= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')}`.trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** A run report as a person reads it: tasks (or agents, for big runs), totals, metrics, costs. */
export function formatReport(report: RunReport, options: { maxTaskRows?: number } = {}): string {
  const maxRows = options.maxTaskRows ?? 40;
  const makespan = report.endedAt ? Date.parse(report.endedAt) - Date.parse(report.startedAt) : 0;
  const out: string[] = [`Run ${report.runId} ${report.status} in ${seconds(makespan)}`, ''];
  if (report.tasks.length <= maxRows) {
    out.push(
      table(
        ['task', 'agent', 'status', 'time', 'tokens in', 'tokens out', 'cost', 'calls', 'tools'],
        report.tasks.map((t) => [
          t.id,
          t.agent,
          t.status,
          seconds(t.durationMs),
          number.format(t.usage.inputTokens),
          number.format(t.usage.outputTokens),
          usd(t.costUsd),
          String(t.modelCalls),
          String(t.toolCalls),
        ]),
      ),
    );
  } else {
    const byAgent = new Map<
      string,
      {
        tasks: number;
        failed: number;
        ms: number;
        input: number;
        output: number;
        cost: number;
        calls: number;
        tools: number;
      }
    >();
    for (const t of report.tasks) {
      const a = byAgent.get(t.agent) ?? {
        tasks: 0,
        failed: 0,
        ms: 0,
        input: 0,
        output: 0,
        cost: 0,
        calls: 0,
        tools: 0,
      };
      a.tasks++;
      if (t.status !== 'succeeded') a.failed++;
      a.ms += t.durationMs;
      a.input += t.usage.inputTokens;
      a.output += t.usage.outputTokens;
      a.cost += t.costUsd;
      a.calls += t.modelCalls;
      a.tools += t.toolCalls;
      byAgent.set(t.agent, a);
    }
    out.push(
      table(
        ['agent', 'tasks', 'failed', 'avg time', 'tokens in', 'tokens out', 'cost', 'calls', 'tools'],
        [...byAgent].map(([agent, a]) => [
          agent,
          number.format(a.tasks),
          number.format(a.failed),
          seconds(a.ms / a.tasks),
          number.format(a.input),
          number.format(a.output),
          usd(a.cost),
          number.format(a.calls),
          number.format(a.tools),
        ]),
      ),
    );
  }
  const t = report.totals;
  const m = report.metrics;
  const findings = Object.entries(report.minimization.findings);
  const minimized = findings.reduce((sum, [, n]) => sum + n, 0);
  const leaked = Object.values(report.minimization.leaked).reduce((sum, n) => sum + n, 0);
  const p = report.permissions;
  out.push(
    '',
    `Totals      ${number.format(t.tasks)} tasks · ${number.format(t.modelCalls)} model calls · ${number.format(t.toolCalls)} tool calls · ${number.format(t.usage.inputTokens)} tokens in / ${number.format(t.usage.outputTokens)} out · ${usd(t.costUsd)} · ${bytes(t.bytesSent)} sent · max concurrency ${t.maxConcurrency}`,
    `Efficiency  scheduling ${ratio(m.schedulingEfficiency)} · coordination ${ratio(m.coordinationEfficiency)} · resource allocation ${ratio(m.resourceAllocationEfficiency)} · slot utilization ${ratio(m.slotUtilization)}`,
    `Data        ${minimized} sensitive values minimized${findings.length ? ` (${findings.map(([k, n]) => `${k} ${n}`).join(', ')})` : ''} · ${leaked} leaked · leakage rate ${ratio(m.dataLeakageRate)}`,
    `Permissions ${p.attempted} tool calls checked · ${p.denied} denied · ${p.escaped} escaped · violation rate ${ratio(m.permissionViolationRate)} · compliance rate ${ratio(m.complianceRate)}`,
    `Costs       execution ${usd(report.costs.execution)} · transfer ${usd(report.costs.transfer)} · storage ${usd(report.costs.storage)}`,
  );
  if (report.error) out.push(`Error       ${report.error.code}: ${report.error.message}`);
  return `${out.join('\n')}\n`;
}
