import { BatonError } from '@baton/core';
import { CapabilitySet, type CoverResult, checkCapability } from '@baton/policy';
import { type CliIO, type Command, readLines, UsageError, writeJsonLine } from '../cli-io.js';

const usage = `Usage: baton caps check --grant CAP [--grant CAP…] REQUEST
       baton caps check --jsonl

Asks "would this request be allowed?" with Baton's capability matcher (the request's
scope is normalized exactly as at run time). Prints { allowed, reason, normalized }
and exits 0 when allowed, 1 when denied, 2 on invalid input.

With --jsonl, reads { "id": 1, "grants": ["fs:read:/reports/**"], "request": "fs:read:/reports/a" }
lines on stdin and writes { id, allowed, reason, normalized } lines (an invalid line
gets { id, error } and processing continues).
`;

interface CheckArgs {
  jsonl: boolean;
  grants: string[];
  request: string | undefined;
}

function parseArgs(argv: string[]): CheckArgs | 'help' {
  const args: CheckArgs = { jsonl: false, grants: [], request: undefined };
  let positional = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!positional && (arg === '--help' || arg === '-h')) return 'help';
    if (!positional && arg === '--') {
      positional = true;
    } else if (!positional && arg === '--jsonl') {
      args.jsonl = true;
    } else if (!positional && arg === '--json') {
      // Output is always JSON; accepted for symmetry with other commands.
    } else if (!positional && (arg === '--grant' || arg === '-g')) {
      const value = argv[++i];
      if (value === undefined) throw new UsageError('caps check: --grant needs a capability');
      args.grants.push(value);
    } else if (!positional && arg.startsWith('--grant=')) {
      args.grants.push(arg.slice('--grant='.length));
    } else if (!positional && arg.startsWith('-') && arg.length > 1) {
      throw new UsageError(`caps check: unknown option '${arg}' (try \`baton caps check --help\`)`);
    } else if (args.request === undefined) {
      args.request = arg;
    } else {
      throw new UsageError(
        `caps check: one REQUEST at a time (got '${args.request}' and '${arg}'); use --jsonl for batches`,
      );
    }
  }
  if (args.jsonl) {
    if (args.grants.length > 0 || args.request !== undefined) {
      throw new UsageError(
        'caps check: --jsonl reads grants and requests from stdin; drop --grant and REQUEST',
      );
    }
    return args;
  }
  if (args.request === undefined)
    throw new UsageError('caps check: missing REQUEST (try `baton caps check --help`)');
  if (args.grants.length === 0) throw new UsageError('caps check: at least one --grant CAP is required');
  return args;
}

function result(check: CoverResult): { allowed: boolean; reason: string; normalized: string | null } {
  return { allowed: check.allowed, reason: check.reason, normalized: check.normalized };
}

function errorMessage(error: unknown): string {
  if (BatonError.isInstance(error)) return error.message;
  throw error;
}

// Batches usually repeat one grant list: parse each list once (bounded).
const sets = new Map<string, CapabilitySet>();

function setOf(grants: string[]): CapabilitySet {
  const key = JSON.stringify(grants);
  let set = sets.get(key);
  if (set === undefined) {
    set = CapabilitySet.of(grants);
    if (sets.size >= 256) sets.clear();
    sets.set(key, set);
  }
  return set;
}

/** One `--jsonl` line → its output object. */
function checkLine(text: string, line: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { id: null, error: `line ${line}: invalid JSON` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { id: null, error: `line ${line}: expected a JSON object { id, grants, request }` };
  }
  const record = value as Record<string, unknown>;
  const id = record.id ?? null;
  if (!Array.isArray(record.grants) || !record.grants.every((g) => typeof g === 'string')) {
    return { id, error: 'grants must be an array of capability strings' };
  }
  if (typeof record.request !== 'string') return { id, error: 'request must be a capability string' };
  try {
    return { id, ...result(setOf(record.grants as string[]).check(record.request)) };
  } catch (error) {
    return { id, error: errorMessage(error) };
  }
}

async function check(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv);
  if (args === 'help') {
    io.stdout.write(usage);
    return 0;
  }
  if (args.jsonl) {
    let line = 0;
    for await (const text of readLines(io.stdin)) writeJsonLine(io.stdout, checkLine(text, ++line));
    return 0;
  }
  let outcome: CoverResult;
  try {
    outcome = checkCapability(args.grants, args.request!);
  } catch (error) {
    const message = errorMessage(error);
    writeJsonLine(io.stdout, { error: message });
    throw new UsageError(`caps check: ${message}`);
  }
  writeJsonLine(io.stdout, result(outcome));
  return outcome.allowed ? 0 : 1;
}

/** `baton caps check …`: the capability matcher on the command line. */
export const capsCommand: Command = async (argv, io) => {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    io.stdout.write(usage);
    return sub === undefined ? 2 : 0;
  }
  if (sub === 'check') return check(rest, io);
  throw new UsageError(`caps: unknown subcommand '${sub}' (expected 'check')`);
};
