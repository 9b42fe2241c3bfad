import type { RunReport } from '@baton/core';

const escapeHtml = (value: unknown) =>
  String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
const fixed = (value: number | null, digits = 2) => (value === null ? 'n/a' : value.toFixed(digits));
const usd = (value: number) => `$${value.toFixed(6)}`;

function rows(entries: [string, string][]): string {
  return entries.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('');
}

/**
 * A run report as one self-contained HTML page (no scripts, no external assets): summary,
 * metrics, a timeline of tasks, minimization, permissions and costs.
 */
export function renderReportHtml(report: RunReport): string {
  const start = Date.parse(report.startedAt);
  const end = report.endedAt
    ? Date.parse(report.endedAt)
    : Math.max(start, ...report.tasks.map((t) => (t.endedAt ? Date.parse(t.endedAt) : start)));
  const span = Math.max(1, end - start);
  const timeline = report.tasks
    .slice(0, 500)
    .map((t) => {
      const s = t.startedAt ? Date.parse(t.startedAt) - start : 0;
      const e = t.endedAt ? Date.parse(t.endedAt) - start : s;
      const left = (s / span) * 100;
      const width = Math.max(0.3, ((e - s) / span) * 100);
      return `<tr class="${escapeHtml(t.status)}"><td>${escapeHtml(t.id)}</td><td>${escapeHtml(t.agent)}</td><td>${escapeHtml(t.status)}</td><td class="num">${t.durationMs.toFixed(1)} ms</td><td class="num">${t.usage.inputTokens}/${t.usage.outputTokens}</td><td class="num">${usd(t.costUsd)}</td><td class="bar"><span style="margin-left:${left.toFixed(2)}%;width:${width.toFixed(2)}%"></span></td></tr>`;
    })
    .join('');
  const m = report.metrics;
  const p = report.permissions;
  const classes = [
    ...new Set([...Object.keys(report.minimization.findings), ...Object.keys(report.minimization.leaked)]),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Baton run ${escapeHtml(report.runId)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1d2330;background:#fafbfc}
h1{font-size:1.4rem;margin:0 0 .25rem}h2{font-size:1.05rem;margin:1.75rem 0 .5rem}
table{border-collapse:collapse;width:100%;background:#fff}th,td{padding:.3rem .6rem;border-bottom:1px solid #e6e8ee;text-align:left;vertical-align:top}
th{font-weight:600;color:#4a5163;white-space:nowrap}.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:1rem}
.bar{width:40%}.bar span{display:block;height:.7rem;border-radius:2px;background:#3a7bd5}
tr.failed .bar span{background:#d64545}tr.cancelled .bar span{background:#a0a4ad}
.status-succeeded{color:#1f7a3a}.status-failed{color:#c0392b}.status-cancelled{color:#7a7f8a}
</style></head><body>
<h1>Run ${escapeHtml(report.runId)}</h1>
<p class="status-${escapeHtml(report.status)}"><strong>${escapeHtml(report.status)}</strong> · ${escapeHtml(report.startedAt)} → ${escapeHtml(report.endedAt ?? 'running')} · ${span} ms</p>
${report.error ? `<p class="status-failed">${escapeHtml(report.error.code)}: ${escapeHtml(report.error.message)}</p>` : ''}
<div class="grid">
<table><caption><h2>Totals</h2></caption>${rows([
    ['tasks', String(report.totals.tasks)],
    ['model calls', String(report.totals.modelCalls)],
    ['tool calls', String(report.totals.toolCalls)],
    ['tokens in / out', `${report.totals.usage.inputTokens} / ${report.totals.usage.outputTokens}`],
    ['bytes sent', String(report.totals.bytesSent)],
    ['bytes stored', String(report.totals.bytesStored)],
    ['max concurrency', String(report.totals.maxConcurrency)],
  ])}</table>
<table><caption><h2>Efficiency</h2></caption>${rows([
    ['scheduling', fixed(m.schedulingEfficiency)],
    ['coordination', fixed(m.coordinationEfficiency)],
    ['resource allocation', fixed(m.resourceAllocationEfficiency)],
    ['slot utilization', fixed(m.slotUtilization)],
  ])}</table>
<table><caption><h2>Compliance</h2></caption>${rows([
    ['data leakage rate', fixed(m.dataLeakageRate, 4)],
    ['permission violation rate', fixed(m.permissionViolationRate, 4)],
    ['compliance rate', fixed(m.complianceRate, 4)],
    ['tool calls checked / denied / escaped', `${p.attempted} / ${p.denied} / ${p.escaped}`],
    [
      'approvals requested / approved / denied',
      `${p.approvals.requested} / ${p.approvals.approved} / ${p.approvals.denied}`,
    ],
  ])}</table>
<table><caption><h2>Costs (USD)</h2></caption>${rows([
    ['execution', usd(report.costs.execution)],
    ['transfer', usd(report.costs.transfer)],
    ['storage', usd(report.costs.storage)],
  ])}</table>
</div>
<h2>Data minimization</h2>
<table><tr><th>data class</th><th class="num">minimized</th><th class="num">leaked</th></tr>${
    classes
      .map(
        (c) =>
          `<tr><td>${escapeHtml(c)}</td><td class="num">${report.minimization.findings[c] ?? 0}</td><td class="num">${report.minimization.leaked[c] ?? 0}</td></tr>`,
      )
      .join('') || '<tr><td colspan="3">no sensitive values detected</td></tr>'
  }</table>
<h2>Permissions by agent</h2>
<table><tr><th>agent</th><th>capabilities held</th><th class="num">checked</th><th class="num">denied</th></tr>${Object.entries(
    p.byAgent,
  )
    .map(
      ([agent, a]) =>
        `<tr><td>${escapeHtml(agent)}</td><td>${escapeHtml(a.capabilities.join(', ') || '—')}</td><td class="num">${a.attempted}</td><td class="num">${a.denied}</td></tr>`,
    )
    .join('')}</table>
<h2>Timeline${report.tasks.length > 500 ? ` (first 500 of ${report.tasks.length} tasks)` : ''}</h2>
<table><tr><th>task</th><th>agent</th><th>status</th><th class="num">time</th><th class="num">tokens in/out</th><th class="num">cost</th><th>when</th></tr>${timeline}</table>
</body></html>
`;
}
