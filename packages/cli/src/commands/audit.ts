import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatAuditSummary, summarizeAuditLog, verifyAuditLog } from '@baton/policy';
import { type CliIO, type Command, UsageError, writeJsonLine } from '../cli-io.js';

const usage = `Usage: baton audit verify FILE [--head HASH] [--json]
       baton audit show FILE [--json]

verify  checks the audit log's hash chain: exits 0 when intact, 1 naming the first
        broken record (edited, deleted, inserted or reordered records). --head HASH
        also checks that the log ends at a hash you anchored elsewhere (truncation).
show    summarizes the log per agent (a permission review): capabilities held, calls
        allowed and denied per capability, approvals. Exits 1 when the chain is broken.
`;

interface AuditArgs {
  file: string;
  json: boolean;
  head: string | undefined;
}

function parseArgs(sub: string, argv: string[]): AuditArgs | 'help' {
  let file: string | undefined;
  let json = false;
  let head: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--json') json = true;
    else if (arg === '--head' && sub === 'verify') {
      head = argv[++i];
      if (head === undefined || !/^[0-9a-f]{64}$/.test(head)) {
        throw new UsageError('audit verify: --head needs a 64-character hex SHA-256');
      }
    } else if (arg.startsWith('-') && arg.length > 1) {
      throw new UsageError(`audit ${sub}: unknown option '${arg}' (try \`baton audit --help\`)`);
    } else if (file === undefined) file = arg;
    else throw new UsageError(`audit ${sub}: one FILE at a time`);
  }
  if (file === undefined) throw new UsageError(`audit ${sub}: missing FILE`);
  return { file, json, head };
}

async function read(file: string, io: CliIO): Promise<string> {
  try {
    return await readFile(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`audit: cannot read ${file}${code ? ` (${code})` : ''}`);
  }
}

async function verify(args: AuditArgs, io: CliIO): Promise<number> {
  const result = verifyAuditLog(
    await read(args.file, io),
    args.head === undefined ? {} : { head: args.head },
  );
  if (args.json) {
    writeJsonLine(
      io.stdout,
      result.ok ? { ok: true, records: result.records.length, head: result.head } : result,
    );
  } else if (result.ok) {
    io.stdout.write(`${args.file}: intact, ${result.records.length} records, head ${result.head}\n`);
  } else {
    io.stdout.write(`${args.file}: BROKEN at ${result.reason}\n`);
  }
  return result.ok ? 0 : 1;
}

async function show(args: AuditArgs, io: CliIO): Promise<number> {
  const summary = summarizeAuditLog(await read(args.file, io));
  if (args.json) writeJsonLine(io.stdout, summary);
  else io.stdout.write(formatAuditSummary(summary));
  return summary.intact ? 0 : 1;
}

/** `baton audit verify|show FILE`: check and review an audit log. */
export const auditCommand: Command = async (argv, io) => {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    io.stdout.write(usage);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'verify' && sub !== 'show') {
    throw new UsageError(`audit: unknown subcommand '${sub}' (expected 'verify' or 'show')`);
  }
  const args = parseArgs(sub, rest);
  if (args === 'help') {
    io.stdout.write(usage);
    return 0;
  }
  return sub === 'verify' ? verify(args, io) : show(args, io);
};
