import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/cli-io.js';
import { redactCommand } from '../src/commands/redact.js';
import { main } from '../src/main.js';

async function run(argv: string[], stdin = '', cwd = process.cwd(), entry: 'command' | 'main' = 'command') {
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
  const io = { stdin: Readable.from([stdin]), stdout, stderr, env: {}, cwd };
  let code: number | undefined;
  let thrown: unknown;
  try {
    code = entry === 'main' ? await main(['redact', ...argv], io) : await redactCommand(argv, io);
  } catch (error) {
    thrown = error;
  }
  return { code, thrown, out, err };
}

const lines = (out: string) =>
  out
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('baton redact --jsonl', () => {
  it('writes minimized text and findings with offsets into the input text', async () => {
    const input = [
      { id: 1, text: 'Mail ann@example.com or call +44 20 7946 0958.' },
      {
        id: 'b',
        text: 'card 4111-1111-1111-1111, key sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z, ann@example.com again: ann@example.com',
      },
      { id: 3, text: 'nothing to see: order 4111111111111112, v1.2.3' },
    ];
    const { code, out } = await run(['--jsonl'], `${input.map((l) => JSON.stringify(l)).join('\n')}\n`);
    expect(code).toBe(0);
    const output = lines(out);
    expect(output).toEqual([
      {
        id: 1,
        text: 'Mail <EMAIL_1> or call <PHONE_1>.',
        findings: [
          { type: 'EMAIL', start: 5, end: 20 },
          { type: 'PHONE', start: 29, end: 45 },
        ],
      },
      {
        id: 'b',
        text: 'card <CREDIT_CARD_1>, key <API_KEY_1>, <EMAIL_1> again: <EMAIL_1>',
        findings: [
          { type: 'CREDIT_CARD', start: 5, end: 24 },
          { type: 'API_KEY', start: 30, end: 70 },
          { type: 'EMAIL', start: 72, end: 87 },
          { type: 'EMAIL', start: 95, end: 110 },
        ],
      },
      { id: 3, text: input[2]!.text, findings: [] },
    ]);
    output.forEach((line, i) => {
      for (const f of line.findings as { start: number; end: number }[])
        expect(input[i]!.text.slice(f.start, f.end)).not.toMatch(/^\s|\s$/);
    });
  });

  it('reports a malformed line in-band and carries on', async () => {
    const stdin = [
      '{"id":1,"text":"a@b.io"}',
      'not json',
      '[1,2]',
      '{"id":7,"text":42}',
      '{"text":"x@y.io"}',
      '',
    ].join('\n');
    const { code, out } = await run(['--jsonl'], stdin);
    expect(code).toBe(0);
    expect(lines(out)).toEqual([
      { id: 1, text: '<EMAIL_1>', findings: [{ type: 'EMAIL', start: 0, end: 6 }] },
      { id: null, error: 'line 2: invalid JSON' },
      { id: null, error: 'line 3: expected a JSON object { id, text }' },
      { id: 7, error: 'line 4: text must be a string' },
      { id: null, text: '<EMAIL_1>', findings: [{ type: 'EMAIL', start: 0, end: 6 }] },
    ]);
  });

  it('keeps UTF-16 offsets for non-ASCII input', async () => {
    const text = '🙂 Grüße an jürgen@example.de';
    const { out } = await run(['--jsonl'], JSON.stringify({ id: 1, text }));
    const [line] = lines(out);
    const [finding] = line!.findings as { start: number; end: number }[];
    expect(text.slice(finding!.start, finding!.end)).toBe('jürgen@example.de');
  });
});

describe('baton redact FILE', () => {
  it('prints the minimized text of a file, or of stdin with -', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'baton-redact-'));
    await writeFile(join(dir, 'note.txt'), 'IBAN DE89 3704 0044 0532 0130 00\npassword: hunter2x\n');
    const file = await run(['note.txt'], '', dir);
    expect(file).toMatchObject({ code: 0, out: 'IBAN <IBAN_1>\npassword: <PASSWORD_1>\n' });
    const piped = await run(['-'], 'SSN 123-45-6789');
    expect(piped).toMatchObject({ code: 0, out: 'SSN <US_SSN_1>' });
  });

  it('exits 2 with a one-line reason on bad usage, through the dispatcher', async () => {
    for (const [argv, message] of [
      [[], /missing FILE or --jsonl/],
      [['--nope'], /unknown option '--nope'/],
      [['a', 'b'], /one FILE at a time/],
      [['--jsonl', 'a'], /drop FILE/],
      [['missing.txt'], /cannot read missing.txt \(ENOENT\)/],
    ] as const) {
      const direct = await run([...argv]);
      expect(direct.thrown).toBeInstanceOf(UsageError);
      const viaMain = await run([...argv], '', process.cwd(), 'main');
      expect(viaMain.code).toBe(2);
      expect(viaMain.err).toMatch(message);
      expect(viaMain.err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('prints help', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('baton redact --jsonl');
  });
});
