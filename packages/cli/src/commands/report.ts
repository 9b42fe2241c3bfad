import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RunReportSchema } from '@baton/core';
import { type Command, UsageError } from '../cli-io.js';
import { formatReport } from '../format-report.js';
import { renderReportHtml } from '../render-report-html.js';

const usage = `Usage: baton report RUN.json [--html OUT.html]

Reads a run report (run.json from \`baton run\`). With --html, writes it as a
self-contained page; otherwise prints the readable summary.
`;

/** `baton report RUN.json --html OUT.html`: renders a run report. */
export const reportCommand: Command = async (argv, io) => {
  let parsed: ReturnType<
    typeof parseArgs<{
      options: { html: { type: 'string' }; help: { type: 'boolean'; short: 'h' } };
      allowPositionals: true;
    }>
  >;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { html: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    throw new UsageError(`report: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (parsed.values.help) {
    io.stdout.write(usage);
    return 0;
  }
  if (parsed.positionals.length !== 1) throw new UsageError('report: expected exactly one RUN.json');
  const file = resolve(io.cwd, parsed.positionals[0]!);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(
      `report: cannot read ${parsed.positionals[0]}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const report = RunReportSchema.safeParse(raw);
  if (!report.success) {
    const issue = report.error.issues[0]!;
    throw new UsageError(
      `report: ${parsed.positionals[0]} is not a run report: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
  }
  if (parsed.values.html) {
    const out = resolve(io.cwd, parsed.values.html);
    writeFileSync(out, renderReportHtml(report.data));
    io.stdout.write(`Wrote ${parsed.values.html}\n`);
  } else {
    io.stdout.write(formatReport(report.data));
  }
  return 0;
};
