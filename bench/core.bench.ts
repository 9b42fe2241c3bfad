// `pnpm bench` for @baton/core: fan-out overhead, schedule quality, wide concurrency and
// rate-limited throughput. Each prints ratios against a baseline measured in the same run
// and one summary line, then merges its figures into bench/results.json.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rateLimited } from './rate-limited.ts';
import { scheduleQuality } from './schedule-quality.ts';

const here = dirname(fileURLToPath(import.meta.url));
const resultsPath = join(here, 'results.json');
const only = new Set(process.argv.slice(2));
const wants = (name: string) => only.size === 0 || only.has(name);
const fixed = (value: number, digits = 2) => Number(value.toFixed(digits));

interface WorkerResult {
  n: number;
  ms: number;
  /** CPU time of the run (user + system), less sensitive to a busy machine than wall time. */
  cpuMs: number;
  floorMs: number;
  peakRssMb: number;
  tasks: number;
  status: string;
}

/**
 * Runs one measurement in a fresh Node process (on the built packages) so its peak RSS is its
 * own; `policies: 'none'` measures the core runtime without the minimization policy.
 */
function worker(n: number, latencyMs = 0, policies: 'minimization' | 'none' = 'minimization'): WorkerResult {
  const out = execFileSync(
    process.execPath,
    [join(here, 'fanout-worker.mjs'), String(n), String(latencyMs), policies],
    { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as WorkerResult;
}

const results: Record<string, unknown> = existsSync(resultsPath)
  ? JSON.parse(readFileSync(resultsPath, 'utf8'))
  : {};
let commit = 'unknown';
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: here, encoding: 'utf8' }).trim();
} catch {
  // not a git checkout
}
const cpu = cpus();
results.machine = `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB RAM, ${process.platform}`;
results.node = process.version;
results.commit = commit;
// Figures from a busy machine are not comparable: keep the 1-minute load average beside them.
results.loadAverage = fixed(loadavg()[0] ?? 0, 2);
const summary: string[] = [];

if (wants('fanout')) {
  const fanout = [];
  for (const n of [1000, 10_000, 100_000]) {
    const r = worker(n);
    const usPerTask = (r.ms * 1000) / n;
    const floorUsPerTask = (r.floorMs * 1000) / n;
    const row = {
      n,
      usPerTask: fixed(usPerTask),
      tasksPerSec: Math.round(n / (r.ms / 1000)),
      peakRssMb: fixed(r.peakRssMb, 1),
      floorUsPerTask: fixed(floorUsPerTask, 3),
      ratioToFloor: fixed(usPerTask / floorUsPerTask, 1),
      cpuUsPerTask: fixed((r.cpuMs * 1000) / n),
    };
    fanout.push(row);
    console.log(
      `fanout   n=${n}: ${row.usPerTask} µs/task wall, ${row.cpuUsPerTask} µs/task CPU (${row.tasksPerSec} tasks/s), peak RSS ${row.peakRssMb} MB, floor ${row.floorUsPerTask} µs/task → ${row.ratioToFloor}× the bare Promise.all floor`,
    );
  }
  results.fanout = fanout;
  // The core runtime's share alone (no policies), at the size the target is set for.
  const core = worker(100_000, 0, 'none');
  results.fanoutNoPolicies = {
    n: core.n,
    usPerTask: fixed((core.ms * 1000) / core.n),
    cpuUsPerTask: fixed((core.cpuMs * 1000) / core.n),
    peakRssMb: fixed(core.peakRssMb, 1),
    floorUsPerTask: fixed((core.floorMs * 1000) / core.n, 3),
  };
  console.log(
    `fanout   n=${core.n} without policies (core runtime alone): ${fixed((core.ms * 1000) / core.n)} µs/task wall, ${fixed((core.cpuMs * 1000) / core.n)} µs/task CPU, peak RSS ${fixed(core.peakRssMb, 1)} MB`,
  );
  const big = fanout[fanout.length - 1]!;
  summary.push(
    `fanout: ${big.usPerTask} µs/task at 100k (target ≤ 15), ${big.peakRssMb} MB (target ≤ 300)${big.usPerTask <= 15 && big.peakRssMb <= 300 ? ' ✓' : ' ✗'}`,
  );
}

if (wants('schedule')) {
  const schedule = scheduleQuality();
  results.schedule = {
    dags: schedule.dags,
    baton: { mean: fixed(schedule.baton.mean, 4), worst: fixed(schedule.baton.worst, 4) },
    fifo: { mean: fixed(schedule.fifo.mean, 4), worst: fixed(schedule.fifo.worst, 4) },
  };
  console.log(
    `schedule ${schedule.dags} DAGs × 200 tasks, concurrency 8: makespan / lower bound — Baton mean ${schedule.baton.mean.toFixed(4)} worst ${schedule.baton.worst.toFixed(4)}; FIFO mean ${schedule.fifo.mean.toFixed(4)} worst ${schedule.fifo.worst.toFixed(4)} (Baton is ${((schedule.fifo.mean / schedule.baton.mean - 1) * 100).toFixed(1)}% shorter on average)`,
  );
  const ok =
    schedule.baton.mean <= 1.05 && schedule.baton.worst <= 1.15 && schedule.baton.mean < schedule.fifo.mean;
  summary.push(
    `schedule: mean ${schedule.baton.mean.toFixed(3)} (≤ 1.05), worst ${schedule.baton.worst.toFixed(3)} (≤ 1.15), FIFO ${schedule.fifo.mean.toFixed(3)}${ok ? ' ✓' : ' ✗'}`,
  );
}

if (wants('wide')) {
  const n = 10_000;
  const latencyMs = 1000;
  const r = worker(n, latencyMs);
  results.wide = {
    n,
    latencyMs,
    wallMs: fixed(r.ms, 1),
    peakRssMb: fixed(r.peakRssMb, 1),
    floorWallMs: fixed(r.floorMs, 1),
  };
  console.log(
    `wide     ${n} sub-agents × ${latencyMs} ms model: ${r.ms.toFixed(0)} ms wall (bare Promise.all of the same calls: ${r.floorMs.toFixed(0)} ms → ${(r.ms / r.floorMs).toFixed(2)}×), peak RSS ${r.peakRssMb.toFixed(1)} MB`,
  );
  summary.push(
    `wide: ${r.ms.toFixed(0)} ms (≤ 1300), ${r.peakRssMb.toFixed(0)} MB (≤ 400)${r.ms <= 1300 && r.peakRssMb <= 400 ? ' ✓' : ' ✗'}`,
  );
}

if (wants('rate')) {
  const r = await rateLimited();
  results.rateLimited = {
    calls: r.calls,
    limitRpm: r.limitRpm,
    achievedRpm: fixed(r.achievedRpm, 1),
    violations: r.violations,
    got429: r.got429,
  };
  console.log(
    `rate     ${r.calls} calls at ${r.limitRpm} rpm / ${r.limitTpm} tpm (simulated clock): achieved ${r.achievedRpm.toFixed(1)} rpm (${((r.achievedRpm / r.limitRpm) * 100).toFixed(1)}% of the limit), ${r.violations} violations, ${r.got429} 429s; without the limiter: ${r.baselineGot429} 429s`,
  );
  const ok = Math.abs(r.achievedRpm / r.limitRpm - 1) <= 0.05 && r.violations === 0 && r.got429 === 0;
  summary.push(
    `rate: ${r.achievedRpm.toFixed(0)}/${r.limitRpm} rpm, ${r.violations} violations, ${r.got429} 429s${ok ? ' ✓' : ' ✗'}`,
  );
}

writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nsummary: ${summary.join(' | ')}`);
console.log(`wrote ${resultsPath}`);
