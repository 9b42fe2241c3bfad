import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  createOrchestrator,
  createRunId,
  fallbackModel,
  loadConfig,
  parseModelRef,
  ValidationError,
} from '@baton/core';
import { capabilityGate, createAuditLog, minimizationPolicy } from '@baton/policy';
import { type Command, UsageError } from '../cli-io.js';
import { createCliRegistry } from '../cli-registry.js';
import { loadApp } from '../find-app.js';
import { formatReport } from '../format-report.js';
import { createProgress } from '../progress.js';
import { missingCredentials } from '../provider-credentials.js';

const usage = `Usage: baton run APP [--model REF] [--out DIR] [--json]

Runs a sample app (a name under apps/, or a path) with data minimization, permission
checks and an audit log, shows progress on stderr, prints a summary and writes
DIR/run.json (the run report), DIR/events.jsonl and DIR/audit.jsonl.

Options:
  --model REF   model for every agent, e.g. openai:gpt-5.5 (default: BATON_MODEL,
                baton.config.* "model", else local:default — the embedded offline model)
  --out DIR     where to write the run's files (default .baton/runs/<runId>)
  --json        print only the run report (JSON) on stdout
`;

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        model: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(`run: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function describeOutput(output: unknown): string | undefined {
  if (output === undefined) return undefined;
  if (typeof output === 'string') return output;
  const answer = (output as { answer?: unknown }).answer;
  return typeof answer === 'string' ? answer : JSON.stringify(output, null, 2);
}

/** `baton run APP`: runs a sample app end to end and writes its report, events and audit log. */
export const runCommand: Command = async (argv, io) => {
  const { values, positionals } = parse(argv);
  if (values.help) {
    io.stdout.write(usage);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError('run: expected exactly one APP (try `baton run research-team`)');
  const appName = positionals[0]!;

  let config: Awaited<ReturnType<typeof loadConfig>>;
  try {
    config = await loadConfig({ cwd: io.cwd, env: io.env });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const model = values.model ?? config.model ?? fallbackModel;
  const registry = createCliRegistry(config, io.env);
  try {
    registry.resolve(model);
  } catch (error) {
    throw new UsageError(
      `cannot use model ${model}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const missing = missingCredentials(
    parseModelRef(config.aliases?.[model] ?? model).provider,
    config,
    io.env,
  );
  if (missing) throw new UsageError(`cannot use model ${model}: ${missing}`);
  const app = await loadApp(appName, io.cwd);
  let built: ReturnType<typeof app.build>;
  try {
    built = app.build({ model });
  } catch (error) {
    if (ValidationError.isInstance(error)) throw new UsageError(`${app.name}: ${error.message}`);
    throw error;
  }

  const runId = createRunId();
  const dir = resolve(io.cwd, values.out ?? join('.baton', 'runs', runId));
  mkdirSync(dir, { recursive: true });
  const gate = capabilityGate({ requireApproval: [...(built.requireApproval ?? [])] });
  const audit = createAuditLog({ path: join(dir, 'audit.jsonl') });
  const progress = createProgress(io.stderr);
  const orchestrator = createOrchestrator({
    registry,
    defaultModel: model,
    policies: [minimizationPolicy({ permissions: gate })],
    permissions: gate,
    principal: { id: built.principal.id, grants: built.principal.grants },
    limits: { ...built.limits, ...config.limits },
    ...(config.prices ? { prices: config.prices } : {}),
    ...(config.fallbacks ? { fallbacks: config.fallbacks } : {}),
  });
  io.stderr.write(`baton: running ${app.name} on ${model} (run ${runId})\n`);
  const outcome = await orchestrator.run(built.agent, built.input, {
    runId,
    journal: { path: join(dir, 'events.jsonl') },
    onEvent: (event) => {
      audit.onEvent(event);
      progress.onEvent(event);
    },
  }).result;
  progress.stop();
  // The audit log's last hash goes beside the report: with it, `baton audit verify
  // --head` also catches records removed from the end of the log.
  const head = audit.head();
  audit.close();
  const report = {
    ...outcome.report,
    audit: { file: 'audit.jsonl', records: head.seq + 1, head: head.hash },
  };
  writeFileSync(join(dir, 'run.json'), `${JSON.stringify(report, null, 2)}\n`);

  if (values.json) {
    io.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    io.stdout.write(formatReport(outcome.report));
    const answer = describeOutput(outcome.output);
    if (answer) io.stdout.write(`\nAnswer\n${answer}\n`);
    const shown = relative(io.cwd, dir) || '.';
    io.stdout.write(
      `\nWrote ${join(shown, 'run.json')}, ${join(shown, 'events.jsonl')}, ${join(shown, 'audit.jsonl')}\n` +
        `Verify the audit log: baton audit verify ${join(shown, 'audit.jsonl')} --head ${head.hash}\n`,
    );
  }
  return outcome.status === 'succeeded' ? 0 : 1;
};
