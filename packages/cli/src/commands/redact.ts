import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createDetector, type Detector } from '@baton/policy';
import { type CliIO, type Command, readLines, UsageError, writeJsonLine } from '../cli-io.js';

const usage = `Usage: baton redact --jsonl
       baton redact FILE        (FILE may be - for stdin)

Minimizes text exactly as Baton does before a model call: personal data and secrets
become placeholders such as <EMAIL_1>, <CREDIT_CARD_1>, <API_KEY_1> (numbered per text).

--jsonl  reads { "id": 1, "text": "..." } lines on stdin and writes
         { id, text, findings: [{ type, start, end }] } lines: text is the minimized text,
         start/end are offsets into the INPUT text (UTF-16 code units). A malformed line
         gets { id, error } (id null when unknown) and processing continues; the exit
         code stays 0 so one bad record does not hide the rest.
FILE     prints the minimized text of a plain-text file.

Types: EMAIL PHONE CREDIT_CARD IBAN US_SSN IP_ADDRESS DATE_OF_BIRTH ADDRESS PERSON
       API_KEY JWT PRIVATE_KEY PASSWORD SECRET
`;

interface RedactArgs {
  jsonl: boolean;
  file: string | undefined;
}

function parseArgs(argv: string[]): RedactArgs | 'help' {
  const args: RedactArgs = { jsonl: false, file: undefined };
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--jsonl') args.jsonl = true;
    else if (arg.startsWith('-') && arg !== '-')
      throw new UsageError(`redact: unknown option '${arg}' (try \`baton redact --help\`)`);
    else if (args.file === undefined) args.file = arg;
    else throw new UsageError(`redact: one FILE at a time (got '${args.file}' and '${arg}')`);
  }
  if (args.jsonl && args.file !== undefined) throw new UsageError('redact: --jsonl reads stdin; drop FILE');
  if (!args.jsonl && args.file === undefined)
    throw new UsageError('redact: missing FILE or --jsonl (try `baton redact --help`)');
  return args;
}

/** One `--jsonl` line → its output object. */
function redactLine(detector: Detector, text: string, line: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { id: null, error: `line ${line}: invalid JSON` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { id: null, error: `line ${line}: expected a JSON object { id, text }` };
  const record = value as Record<string, unknown>;
  const id = record.id ?? null;
  if (typeof record.text !== 'string') return { id, error: `line ${line}: text must be a string` };
  const result = detector.redact(record.text);
  return {
    id,
    text: result.text,
    findings: result.findings.map((finding) => ({
      type: finding.type,
      start: finding.start,
      end: finding.end,
    })),
  };
}

async function readInput(file: string, io: CliIO): Promise<string> {
  if (file === '-') {
    let text = '';
    io.stdin.setEncoding('utf8');
    for await (const chunk of io.stdin) text += chunk as string;
    return text;
  }
  try {
    return await readFile(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`redact: cannot read ${file}${code ? ` (${code})` : ''}`);
  }
}

/** `baton redact --jsonl` / `baton redact FILE`: data minimization on the command line. */
export const redactCommand: Command = async (argv, io) => {
  const args = parseArgs(argv);
  if (args === 'help') {
    io.stdout.write(usage);
    return 0;
  }
  const detector = createDetector();
  if (args.jsonl) {
    let line = 0;
    for await (const text of readLines(io.stdin))
      writeJsonLine(io.stdout, redactLine(detector, text, ++line));
    return 0;
  }
  io.stdout.write(detector.redact(await readInput(args.file!, io)).text);
  return 0;
};
