import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/main.js';

/** The repository root, so `baton run research-team` finds apps/research-team. */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** Runs the CLI in-process with in-memory streams; returns the exit code and what it printed. */
export async function runCli(
  argv: string[],
  options: { stdin?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {},
) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => {
    out += chunk;
  });
  stderr.on('data', (chunk) => {
    err += chunk;
  });
  stdin.end(options.stdin ?? '');
  const code = await main(argv, {
    stdin,
    stdout,
    stderr,
    env: options.env ?? {},
    cwd: options.cwd ?? repoRoot,
  });
  return { code, stdout: out, stderr: err };
}
