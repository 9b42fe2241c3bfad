import { type DagTask, simulate, ValidationError } from '@baton/core';
import { type Command, readLines, UsageError, writeJsonLine } from '../cli-io.js';

const usage = `Usage: baton plan --concurrency N --jsonl

Dry-runs Baton's scheduler on a simulated clock. Reads task lines on stdin:
  { "dag": "d1", "id": "a", "deps": ["b"], "priority": 0, "expectedMs": 120, "actualMs": 150 }
and writes { dag, id, startMs, endMs } per task and
  { dag, summary: { makespanMs, lowerBoundMs, schedulingEfficiency } } per DAG.
`;

type Id = string | number;

interface PlanLine {
  dag: Id;
  id: Id;
  deps: Id[];
  priority: number;
  expectedMs: number;
  actualMs: number;
}

function parseArgs(argv: string[]): { concurrency: number } | 'help' {
  let concurrency: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--jsonl') continue;
    if (arg === '--concurrency' || arg === '-c') {
      concurrency = argv[++i];
      if (concurrency === undefined) throw new UsageError('plan: --concurrency needs a value');
    } else if (arg.startsWith('--concurrency=')) {
      concurrency = arg.slice('--concurrency='.length);
    } else {
      throw new UsageError(`plan: unknown argument '${arg}' (try \`baton plan --help\`)`);
    }
  }
  if (concurrency === undefined) throw new UsageError('plan: --concurrency N is required');
  const n = Number(concurrency);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`plan: --concurrency must be a positive integer, got '${concurrency}'`);
  return { concurrency: n };
}

const isId = (value: unknown): value is Id =>
  (typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value));

function duration(value: unknown, field: string, line: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new UsageError(`plan: line ${line}: ${field} must be a non-negative number`);
  }
  return value;
}

function parseLine(text: string, line: number): PlanLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `plan: line ${line}: invalid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`plan: line ${line}: expected a JSON object`);
  }
  const record = value as Record<string, unknown>;
  const { dag, id } = record;
  if (!isId(dag)) throw new UsageError(`plan: line ${line}: dag must be a non-empty string or a number`);
  if (!isId(id)) throw new UsageError(`plan: line ${line}: id must be a non-empty string or a number`);
  const deps = record.deps ?? [];
  if (!Array.isArray(deps) || !deps.every(isId)) {
    throw new UsageError(`plan: line ${line}: deps of task ${id} must be an array of task ids`);
  }
  const priority = record.priority ?? 0;
  if (typeof priority !== 'number' || !Number.isFinite(priority)) {
    throw new UsageError(`plan: line ${line}: priority of task ${id} must be a number`);
  }
  const expectedMs = duration(record.expectedMs, `expectedMs of task ${id}`, line);
  const actualMs = duration(record.actualMs, `actualMs of task ${id}`, line);
  if (expectedMs === undefined && actualMs === undefined) {
    throw new UsageError(`plan: line ${line}: task ${id} needs expectedMs`);
  }
  return {
    dag,
    id,
    deps: deps as Id[],
    priority,
    expectedMs: expectedMs ?? actualMs!,
    actualMs: actualMs ?? expectedMs!,
  };
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

/** `baton plan`: Baton's own scheduler on a simulated clock, one plan per DAG in the input. */
export const planCommand: Command = async (argv, io) => {
  const args = parseArgs(argv);
  if (args === 'help') {
    io.stdout.write(usage);
    return 0;
  }
  const dags = new Map<string, { dag: Id; lines: PlanLine[]; ids: Set<string> }>();
  let lineNumber = 0;
  for await (const text of readLines(io.stdin)) {
    lineNumber++;
    const line = parseLine(text, lineNumber);
    const key = String(line.dag);
    let entry = dags.get(key);
    if (entry === undefined) {
      entry = { dag: line.dag, lines: [], ids: new Set() };
      dags.set(key, entry);
    }
    if (entry.ids.has(String(line.id))) {
      throw new UsageError(`plan: line ${lineNumber}: dag ${key}: duplicate task id ${line.id}`);
    }
    entry.ids.add(String(line.id));
    entry.lines.push(line);
  }
  // Validate every DAG before printing anything, so bad input never yields a partial plan.
  const plans = [...dags.values()].map(({ dag, lines }) => {
    const tasks: DagTask[] = lines.map((line) => ({
      id: String(line.id),
      deps: line.deps.map(String),
      priority: line.priority,
      expectedMs: line.expectedMs,
      actualMs: line.actualMs,
    }));
    try {
      return { dag, lines, result: simulate(tasks, { concurrency: args.concurrency }) };
    } catch (error) {
      if (ValidationError.isInstance(error)) throw new UsageError(`plan: dag ${dag}: ${error.message}`);
      throw error;
    }
  });
  for (const { dag, lines, result } of plans) {
    result.tasks.forEach((timing, i) => {
      writeJsonLine(io.stdout, {
        dag,
        id: lines[i]!.id,
        startMs: round(timing.startMs),
        endMs: round(timing.endMs),
      });
    });
    writeJsonLine(io.stdout, {
      dag,
      summary: {
        makespanMs: round(result.makespanMs),
        lowerBoundMs: round(result.lowerBoundMs),
        schedulingEfficiency: round(result.schedulingEfficiency),
      },
    });
  }
  return 0;
};
