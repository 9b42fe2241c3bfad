// One fan-out measurement in a fresh process (so peak RSS belongs to this size alone).
// Usage: fanout-worker.ts <n> [latencyMs]
import { createOrchestrator, createRegistry, defineAgent } from '../packages/core/src/index.ts';
import { minimizationPolicy } from '../packages/policy/src/index.ts';
import { zeroLatencyModel } from './zero-latency-model.ts';

const n = Number(process.argv[2] ?? 1000);
const latencyMs = Number(process.argv[3] ?? 0);
const model = zeroLatencyModel(latencyMs);
const request = { messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'task' }] }] };

async function floor(count: number): Promise<number> {
  const start = performance.now();
  await Promise.all(Array.from({ length: count }, () => model.generate(request)));
  return performance.now() - start;
}

let cpuMs = 0;

async function baton(count: number): Promise<{ ms: number; tasks: number; status: string }> {
  const worker = defineAgent({ name: 'worker', instructions: 'Answer in one word.', maxOutputTokens: 16 });
  const supervisor = defineAgent({
    name: 'supervisor',
    agents: [worker],
    run: async (inputs: number, ctx) => {
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
    policies: [minimizationPolicy()],
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

// Warm both paths up so the JIT is not measured.
await floor(Math.min(n, 2000));
await baton(Math.min(n, 1000));
const floorMs = await floor(n);
const result = await baton(n);
const peakRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  `${JSON.stringify({ n, ms: result.ms, cpuMs, floorMs, peakRssMb, tasks: result.tasks, status: result.status })}\n`,
);
