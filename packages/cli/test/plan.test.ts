import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';

async function plan(args: string[], lines: unknown[] | string) {
  const input = typeof lines === 'string' ? lines : lines.map((line) => JSON.stringify(line)).join('\n');
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
  const code = await main(['plan', ...args], {
    stdin: Readable.from([input]),
    stdout,
    stderr,
    env: {},
    cwd: process.cwd(),
  });
  const records = out
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { code, records, err };
}

describe('baton plan', () => {
  it('plans a DAG on the critical path first and summarizes it', async () => {
    // a → b → c is the long chain (30 ms); x, y are short and independent.
    const { code, records } = await plan(
      ['--concurrency', '2', '--jsonl'],
      [
        { dag: 'd', id: 'x', deps: [], expectedMs: 5 },
        { dag: 'd', id: 'y', deps: [], expectedMs: 5 },
        { dag: 'd', id: 'a', deps: [], expectedMs: 10 },
        { dag: 'd', id: 'b', deps: ['a'], expectedMs: 10 },
        { dag: 'd', id: 'c', deps: ['b'], expectedMs: 10 },
      ],
    );
    expect(code).toBe(0);
    expect(records).toEqual([
      { dag: 'd', id: 'x', startMs: 0, endMs: 5 },
      { dag: 'd', id: 'y', startMs: 5, endMs: 10 },
      { dag: 'd', id: 'a', startMs: 0, endMs: 10 },
      { dag: 'd', id: 'b', startMs: 10, endMs: 20 },
      { dag: 'd', id: 'c', startMs: 20, endMs: 30 },
      { dag: 'd', summary: { makespanMs: 30, lowerBoundMs: 30, schedulingEfficiency: 1 } },
    ]);
  });

  it('orders by expectedMs but runs for actualMs, and bounds with actual durations', async () => {
    const { records } = await plan(
      ['--concurrency=1'],
      [
        { dag: 1, id: 'short', deps: [], expectedMs: 1, actualMs: 50 },
        { dag: 1, id: 'long', deps: [], expectedMs: 100, actualMs: 10 },
      ],
    );
    expect(records).toEqual([
      { dag: 1, id: 'short', startMs: 10, endMs: 60 },
      { dag: 1, id: 'long', startMs: 0, endMs: 10 },
      { dag: 1, summary: { makespanMs: 60, lowerBoundMs: 60, schedulingEfficiency: 1 } },
    ]);
  });

  it('honours priority over critical path', async () => {
    const { records } = await plan(
      ['--concurrency', '1', '--jsonl'],
      [
        { dag: 'p', id: 'big', deps: [], expectedMs: 100 },
        { dag: 'p', id: 'urgent', deps: [], priority: 5, expectedMs: 1 },
      ],
    );
    expect(records.find((r) => r.id === 'urgent')).toMatchObject({ startMs: 0, endMs: 1 });
  });

  it('plans several DAGs independently, each with the full concurrency', async () => {
    const { records } = await plan(
      ['--concurrency', '1', '--jsonl'],
      [
        { dag: 'one', id: 'a', deps: [], expectedMs: 10 },
        { dag: 'two', id: 'a', deps: [], expectedMs: 7 },
        { dag: 'one', id: 'b', deps: ['a'], expectedMs: 10 },
      ],
    );
    expect(records).toEqual([
      { dag: 'one', id: 'a', startMs: 0, endMs: 10 },
      { dag: 'one', id: 'b', startMs: 10, endMs: 20 },
      { dag: 'one', summary: { makespanMs: 20, lowerBoundMs: 20, schedulingEfficiency: 1 } },
      { dag: 'two', id: 'a', startMs: 0, endMs: 7 },
      { dag: 'two', summary: { makespanMs: 7, lowerBoundMs: 7, schedulingEfficiency: 1 } },
    ]);
  });

  it('reports the work bound when it dominates', async () => {
    const lines = Array.from({ length: 5 }, (_, i) => ({ dag: 'w', id: `t${i}`, deps: [], expectedMs: 10 }));
    const { records } = await plan(['--concurrency', '2'], lines);
    const summary = records.at(-1)!.summary as Record<string, number>;
    expect(summary).toMatchObject({ makespanMs: 30, lowerBoundMs: 25 });
    expect(summary.schedulingEfficiency).toBeCloseTo(25 / 30, 6);
  });

  it('respects dependencies in every start time', async () => {
    const lines = [
      { dag: 'g', id: 'root', deps: [], expectedMs: 3 },
      ...Array.from({ length: 20 }, (_, i) => ({
        dag: 'g',
        id: `m${i}`,
        deps: ['root'],
        expectedMs: 1 + (i % 7),
      })),
      { dag: 'g', id: 'join', deps: Array.from({ length: 20 }, (_, i) => `m${i}`), expectedMs: 2 },
    ];
    const { records } = await plan(['--concurrency', '4'], lines);
    const byId = new Map(
      records.filter((r) => 'id' in r).map((r) => [r.id, r as { startMs: number; endMs: number }]),
    );
    for (const line of lines) {
      const task = byId.get(line.id)!;
      for (const dep of line.deps) expect(task.startMs).toBeGreaterThanOrEqual(byId.get(dep)!.endMs);
    }
    // Never more than 4 running at once.
    for (const t of byId.values()) {
      const overlapping = [...byId.values()].filter((o) => o.startMs <= t.startMs && o.endMs > t.startMs);
      expect(overlapping.length).toBeLessThanOrEqual(4);
    }
  });

  it.each([
    [
      'a cycle',
      [
        { dag: 'c', id: 'a', deps: ['b'], expectedMs: 1 },
        { dag: 'c', id: 'b', deps: ['a'], expectedMs: 1 },
      ],
      /dag c: task (a|b) is on a dependency cycle/,
    ],
    ['a self-dependency', [{ dag: 'c', id: 'a', deps: ['a'], expectedMs: 1 }], /task a depends on itself/],
    [
      'an unknown dependency',
      [{ dag: 'u', id: 'a', deps: ['ghost'], expectedMs: 1 }],
      /task a depends on unknown task ghost/,
    ],
    [
      'a duplicate id',
      [
        { dag: 'u', id: 'a', expectedMs: 1 },
        { dag: 'u', id: 'a', expectedMs: 1 },
      ],
      /line 2: dag u: duplicate task id a/,
    ],
    ['a missing duration', [{ dag: 'u', id: 'a', deps: [] }], /line 1: task a needs expectedMs/],
    [
      'a negative duration',
      [{ dag: 'u', id: 'a', deps: [], expectedMs: -1 }],
      /line 1: expectedMs of task a/,
    ],
    ['bad deps', [{ dag: 'u', id: 'a', deps: 'b', expectedMs: 1 }], /line 1: deps of task a/],
  ])('exits 2 on %s, naming the task', async (_name, lines, message) => {
    const { code, records, err } = await plan(['--concurrency', '2', '--jsonl'], lines);
    expect(code).toBe(2);
    expect(records).toEqual([]);
    expect(err).toMatch(message);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 naming the line of malformed JSON', async () => {
    const { code, err } = await plan(
      ['--concurrency', '2'],
      '{"dag":"d","id":"a","expectedMs":1}\n{not json\n',
    );
    expect(code).toBe(2);
    expect(err).toMatch(/^baton: plan: line 2: invalid JSON/);
  });

  it.each([[[]], [['--concurrency', '0']], [['--concurrency', 'x']], [['--concurrency', '2', '--what']]])(
    'exits 2 on bad arguments %j',
    async (args) => {
      const { code, err } = await plan(args, []);
      expect(code).toBe(2);
      expect(err).toMatch(/^baton: plan: /);
    },
  );

  it('prints help', async () => {
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk) => {
      out += chunk;
    });
    const code = await main(['plan', '--help'], {
      stdin: Readable.from([]),
      stdout,
      stderr: new PassThrough(),
      env: {},
      cwd: '.',
    });
    expect(code).toBe(0);
    expect(out).toContain('--concurrency N');
  });
});
