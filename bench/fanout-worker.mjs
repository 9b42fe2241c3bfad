// One fan-out measurement in a fresh process (so peak RSS belongs to this size alone).
// Plain JavaScript against the *built* packages (dist/), as users run Baton: TypeScript
// loaders such as tsx wrap every named inner function and would be measured too.
// Usage: node fanout-worker.mjs <n> [latencyMs] [policies]
//   policies: `minimization` (default) or `none` (the core runtime alone).
import { createOrchestrator, createRegistry, defineAgent } from '../packages/core/dist/index.js';
import { minimizationPolicy } from '../packages/policy/dist/index.js';

const n = Number(process.argv[2] ?? 1000);
const latencyMs = Number(process.argv[3] ?? 0);
const policyMode = process.argv[4] ?? 'minimization';
if (policyMode !== 'minimization' && policyMode !== 'none') {
  throw new Error(`policies must be 'minimization' or 'none', got ${policyMode}`);
}

// A model that answers at once with a fixed text: what is left is Baton's own overhead.
const result = {
  content: [{ type: 'text', text: 'ok' }],
  finishReason: { unified: 'stop', raw: 'stop' },
  usage: { inputTokens: 12, outputTokens: 2 },
};
const model = {
  specificationVersion: 'v1',
  provider: 'bench',
  modelId: latencyMs === 0 ? 'zero' : `latency-${latencyMs}`,
  generate: () =>
    latencyMs === 0
      ? Promise.resolve(result)
      : new Promise((resolve) => setTimeout(resolve, latencyMs, result)),
  async *stream() {
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    yield { type: 'text-delta', delta: 'ok' };
    yield { type: 'finish', finishReason: result.finishReason, usage: result.usage };
  },
};
const request = { messages: [{ role: 'user', content: [{ type: 'text', text: 'task' }] }] };

async function floor(count) {
  const start = performance.now();
  await Promise.all(Array.from({ length: count }, () => model.generate(request)));
  return performance.now() - start;
}

let cpuMs = 0;

// The full public path: a supervisor fans out through ctx.map to default-loop workers,
// with the minimization policy (unless `none`), the scheduler, the budget ledger, events and the report.
async function baton(count) {
  const worker = defineAgent({ name: 'worker', instructions: 'Answer in one word.', maxOutputTokens: 16 });
  const supervisor = defineAgent({
    name: 'supervisor',
    agents: [worker],
    run: async (inputs, ctx) => {
      const parts = await ctx.map(
        worker,
        Array.from({ length: inputs }, (_, i) => `item ${i}`),
      );
      return parts.length;
    },
  });
  const orchestrator = createOrchestrator({
    registry: createRegistry({ providers: { bench: () => model } }),
    defaultModel: `bench:${model.modelId}`,
    policies: policyMode === 'none' ? [] : [minimizationPolicy()],
    limits: { concurrency: latencyMs > 0 ? count + 1 : 1024, budget: { tokens: 1e12 } },
  });
  const start = performance.now();
  const cpu = process.cpuUsage();
  const { output, report } = await orchestrator.run(supervisor, count);
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  cpuMs = (used.user + used.system) / 1000;
  if (output !== count) throw new Error(`fan-out returned ${String(output)} of ${count}`);
  return { ms, tasks: report.totals.tasks, status: report.status };
}

// Warm both paths up so that what is measured is a process in its steady state, not the JIT
// compiling Baton or the heap growing to its working size: two runs of up to 10 000 tasks.
// After one 1 000-task warm-up the optimizing compiler still took a quarter of the measured
// wide run's CPU; after one 10 000-task warm-up the second wide run still took 1.41–1.49 s
// where the third and later took 1.22–1.35 s (same process, same code).
await floor(Math.min(n, 2000));
for (let warmup = 0; warmup < 2; warmup++) await baton(Math.min(n, 10_000));
const floorMs = await floor(n);
const measured = await baton(n);
const peakRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  `${JSON.stringify({ n, policies: policyMode, ms: measured.ms, cpuMs, floorMs, peakRssMb, tasks: measured.tasks, status: measured.status })}\n`,
);
