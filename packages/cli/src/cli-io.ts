import type { Readable, Writable } from 'node:stream';

/** Where a command reads and writes; tests pass their own. */
export interface CliIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** A command: parses its own arguments and returns the exit code (0 ok, 1 failed, 2 bad usage/input). */
export type Command = (argv: string[], io: CliIO) => Promise<number>;

/** Bad usage or bad input: the CLI prints `baton: <message>` on one line and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Writes one JSON value as a line. */
export function writeJsonLine(stream: Writable, value: unknown): void {
  stream.write(`${JSON.stringify(value)}\n`);
}

/** Reads stdin line by line (no trailing newline, empty lines skipped). */
export async function* readLines(stdin: Readable): AsyncGenerator<string> {
  let buffer = '';
  stdin.setEncoding('utf8');
  for await (const chunk of stdin) {
    buffer += chunk as string;
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      const line = buffer.slice(0, newline).replace(/\r$/, '');
      buffer = buffer.slice(newline + 1);
      if (line.trim() !== '') yield line;
      newline = buffer.indexOf('\n');
    }
  }
  if (buffer.trim() !== '') yield buffer.replace(/\r$/, '');
}
