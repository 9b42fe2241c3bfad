import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/cli-io.js';
import { capsCommand } from '../src/commands/caps.js';
import { main } from '../src/main.js';

async function run(argv: string[], stdin = '') {
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
  const io = { stdin: Readable.from([stdin]), stdout, stderr, env: {}, cwd: process.cwd() };
  let code: number | undefined;
  let thrown: unknown;
  try {
    code = await capsCommand(argv, io);
  } catch (error) {
    thrown = error;
  }
  const lines = out
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { code, thrown, lines, out, err };
}

describe('baton caps check (single)', () => {
  it('exits 0 and prints the decision when allowed', async () => {
    const { code, lines } = await run([
      'check',
      '--grant',
      'fs:write:/reports/**',
      'fs:write:/reports/a/../q3.md',
    ]);
    expect(code).toBe(0);
    expect(lines).toEqual([
      { allowed: true, reason: 'covered by fs:write:/reports/**', normalized: 'fs:write:/reports/q3.md' },
    ]);
  });

  it('exits 1 when denied, with the normalized request', async () => {
    const { code, lines } = await run([
      'check',
      '--grant',
      'fs:write:/reports/**',
      '--grant=crm:read',
      'fs:write:/reports/%2e%2e/etc/passwd',
    ]);
    expect(code).toBe(1);
    expect(lines).toEqual([
      { allowed: false, reason: 'no grant covers fs:write:/etc/passwd', normalized: 'fs:write:/etc/passwd' },
    ]);
  });

  it('exits 1 with normalized null when the scope is denied before matching', async () => {
    const { code, lines } = await run(['check', '--grant', 'fs:read', 'fs:read:/a/%C0%AE%C0%AE/b']);
    expect(code).toBe(1);
    expect(lines[0]).toMatchObject({ allowed: false, normalized: null });
  });

  it.each([
    [['check', '--grant', 'fs:read:/a/../b', 'fs:read:/a'], /contains '\.\.'/],
    [['check', '--grant', 'fs:read', 'FS:read'], /must be lowercase/],
    [['check', '--grant', 'fs:read', 'fs:read:'], /empty scope/],
  ])('invalid input %j → exit 2 (UsageError) and { error }', async (argv, message) => {
    const { thrown, lines } = await run(argv);
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as Error).message).toMatch(message);
    expect(lines).toEqual([{ error: expect.stringMatching(message) }]);
  });

  it.each([
    [['check']],
    [['check', 'crm:read']],
    [['check', '--grant']],
    [['check', '--grant', 'a:b', 'crm:read', 'crm:write']],
    [['check', '--bogus']],
    [['nope']],
    [['check', '--jsonl', '--grant', 'crm:read']],
  ])('bad usage %j → UsageError', async (argv) => {
    expect((await run(argv)).thrown).toBeInstanceOf(UsageError);
  });

  it('runs through main with exit codes 0 / 1 / 2', async () => {
    const io = () => ({
      stdin: Readable.from(['']),
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      env: {},
      cwd: '.',
    });
    expect(await main(['caps', 'check', '--grant', 'crm:read', 'crm:read'], io())).toBe(0);
    expect(await main(['caps', 'check', '--grant', 'crm:read', 'crm:write'], io())).toBe(1);
    expect(await main(['caps', 'check', '--grant', 'crm:read', 'CRM:write'], io())).toBe(2);
    expect(await main(['caps', 'check', '--help'], io())).toBe(0);
  });

  it('accepts a request after --', async () => {
    const { code } = await run(['check', '--grant', '*:*', '--', 'crm:read']);
    expect(code).toBe(0);
  });
});

describe('baton caps check --jsonl', () => {
  it('answers every line in order, errors in-band', async () => {
    const input = [
      JSON.stringify({ id: 1, grants: ['fs:read:/reports/*'], request: 'fs:read:/reports/a.txt' }),
      JSON.stringify({ id: 'two', grants: ['fs:read:/reports/*'], request: 'fs:read:/reports/a/b.txt' }),
      JSON.stringify({ id: 3, grants: ['fs:read'], request: 'fs:read:/x/\uff0f' }),
      '{ not json',
      JSON.stringify({ id: 5, grants: ['Bad'], request: 'crm:read' }),
      JSON.stringify({ id: 6, grants: 'crm:read', request: 'crm:read' }),
      JSON.stringify({ id: 7, grants: [], request: 42 }),
      JSON.stringify({ id: 8, grants: [], request: 'crm:read' }),
      '',
      JSON.stringify({ grants: ['crm:read'], request: 'crm:read' }),
    ].join('\n');
    const { code, lines } = await run(['check', '--jsonl'], input);
    expect(code).toBe(0);
    expect(lines).toEqual([
      { id: 1, allowed: true, reason: 'covered by fs:read:/reports/*', normalized: 'fs:read:/reports/a.txt' },
      {
        id: 'two',
        allowed: false,
        reason: 'no grant covers fs:read:/reports/a/b.txt',
        normalized: 'fs:read:/reports/a/b.txt',
      },
      {
        id: 3,
        allowed: false,
        reason: expect.stringMatching(/confusable character U\+FF0F/),
        normalized: null,
      },
      { id: null, error: 'line 4: invalid JSON' },
      { id: 5, error: expect.stringMatching(/invalid capability: 'Bad' has no action/) },
      { id: 6, error: 'grants must be an array of capability strings' },
      { id: 7, error: 'request must be a capability string' },
      { id: 8, allowed: false, reason: 'no grant covers crm:read', normalized: 'crm:read' },
      { id: null, allowed: true, reason: 'covered by crm:read', normalized: 'crm:read' },
    ]);
  });
});
