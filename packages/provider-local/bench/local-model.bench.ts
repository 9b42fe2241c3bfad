/**
 * Local model benchmark (run: `pnpm --filter @baton/provider-local bench`).
 * Per-call cost of the zero-latency model on representative requests, in process CPU
 * time (fastest of several samples, so a busy machine does not inflate it), and the
 * throughput of 100k back-to-back `generate` calls. Prints one line per request and merges
 * `localModel` into <repo>/bench/results.json.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ModelRequest } from '@baton/core/contracts';
import { createLocalModel } from '../src/index.js';

const user = (text: string): ModelRequest['messages'][number] => ({
  role: 'user',
  content: [{ type: 'text', text }],
});
const article = Array.from(
  { length: 12 },
  (_, i) =>
    `Finding ${i + 1}: the team measured ${10 + i}% more throughput after change ${i + 1}, mostly in the scheduler.`,
).join(' ');
const requests: Record<string, ModelRequest> = {
  chat: { messages: [{ role: 'system', content: 'You are a worker.' }, user('Process item 17 and report.')] },
  summarize: { messages: [user(`Summarize in three sentences:\n\n${article}`)] },
  classify: {
    messages: [user('Classify into: billing, outage, account\n\nI was charged twice this month.')],
  },
  answer: { messages: [user(`[doc-01]\n${article}\n\nQuestion: How much more throughput after change 7?`)] },
  toolCall: {
    messages: [user('Search the notes for quarterly revenue targets')],
    tools: [
      {
        name: 'search_notes',
        description: 'Find notes matching a query',
        inputSchema: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
      },
    ],
  },
  json: {
    messages: [user(`Summarize: ${article}`)],
    responseFormat: {
      type: 'json',
      schema: {
        type: 'object',
        properties: { summary: { type: 'string' }, keywords: { type: 'array', items: { type: 'string' } } },
        required: ['summary', 'keywords'],
      },
    },
  },
};

const model = createLocalModel({ modelId: 'fast' });

async function microsPerCall(request: ModelRequest, repeat = 2000, samples = 7): Promise<number> {
  for (let i = 0; i < 200; i++) await model.generate(request);
  let best = Number.POSITIVE_INFINITY;
  for (let s = 0; s < samples; s++) {
    const start = process.cpuUsage();
    for (let i = 0; i < repeat; i++) await model.generate(request);
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / repeat);
  }
  return best;
}

const perCall: Record<string, number> = {};
for (const [name, request] of Object.entries(requests)) {
  perCall[name] = Number((await microsPerCall(request)).toFixed(2));
  console.log(`local model ${name.padEnd(10)} ${perCall[name]!.toFixed(2).padStart(8)} µs/call (CPU)`);
}

const calls = 100_000;
const mixed = Object.values(requests);
const started = performance.now();
const cpuStart = process.cpuUsage();
for (let i = 0; i < calls; i++) await model.generate(mixed[i % mixed.length]!);
const cpu = process.cpuUsage(cpuStart);
const seconds = (performance.now() - started) / 1000;
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const callsPerSecond = Math.round(calls / seconds);
console.log(
  `local model: ${calls} mixed calls in ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU (${callsPerSecond} calls/s)`,
);

const resultsPath = fileURLToPath(new URL('../../../bench/results.json', import.meta.url));
let results: Record<string, unknown> = {};
if (existsSync(resultsPath)) {
  try {
    results = JSON.parse(readFileSync(resultsPath, 'utf8')) as Record<string, unknown>;
  } catch {
    results = {};
  }
}
results.localModel = {
  microsPerCallCpu: perCall,
  mixedCalls: calls,
  mixedCpuSeconds: Number(cpuSeconds.toFixed(3)),
  callsPerSecond,
};
writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
