import { createRateLimiter, createSimulatedClock, RateLimitError } from '../packages/core/src/index.ts';
import { seededRandom } from './random-dag.ts';

const WINDOW_MS = 60_000;

/**
 * A provider that enforces its limits the strict way: a call is refused with a 429 when the
 * last 60 seconds (including it) would hold more than `rpm` requests or `tpm` tokens.
 */
function strictProvider(rpm: number, tpm: number, now: () => number) {
  const calls: { at: number; tokens: number }[] = [];
  let head = 0;
  let windowTokens = 0;
  let got429 = 0;
  return {
    call(tokens: number): void {
      const t = now();
      while (head < calls.length && calls[head]!.at <= t - WINDOW_MS) windowTokens -= calls[head++]!.tokens;
      if (calls.length - head + 1 > rpm || windowTokens + tokens > tpm) {
        got429++;
        throw new RateLimitError('429 Too Many Requests', { retryAfterMs: 1000, status: 429 });
      }
      calls.push({ at: t, tokens });
      windowTokens += tokens;
    },
    get got429() {
      return got429;
    },
    get starts() {
      return calls.map((c) => c.at);
    },
  };
}

/** Counts minutes (sliding, anchored at each call) that held more than the limits. */
function violations(starts: number[], sizes: number[], rpm: number, tpm: number): number {
  let count = 0;
  let j = 0;
  let tokens = 0;
  for (let i = 0; i < starts.length; i++) {
    // Window (starts[i] - 60 s, starts[i]].
    tokens += sizes[i]!;
    while (starts[j]! <= starts[i]! - WINDOW_MS) tokens -= sizes[j++]!;
    if (i - j + 1 > rpm || tokens > tpm) count++;
  }
  return count;
}

/**
 * `calls` calls of random size through the rate limiter against a strict provider, all on
 * the limiter's simulated clock; and the same calls fired without the limiter as the
 * baseline (which the provider throttles).
 */
export async function rateLimited(calls = 2000, limitRpm = 600, limitTpm = 100_000) {
  const random = seededRandom(42);
  const sizes = Array.from({ length: calls }, () => 50 + Math.floor(random() * 200)); // mean ~150 tokens
  const clock = createSimulatedClock();
  const limiter = createRateLimiter({ limits: { 'sim:model': { rpm: limitRpm, tpm: limitTpm } }, clock });
  const provider = strictProvider(limitRpm, limitTpm, clock.now);
  let done = 0;
  const started: number[] = [];
  for (const size of sizes) {
    const go = () => {
      started.push(clock.now());
      try {
        provider.call(size);
      } catch (error) {
        limiter.observe('sim:model', { retryAfterMs: (error as RateLimitError).retryAfterMs ?? 1000 });
      }
      done++;
    };
    const waiting = limiter.acquire('sim:model', size);
    if (waiting === undefined) go();
    else void waiting.then(go);
  }
  while (done < calls) {
    await Promise.resolve();
    if (!clock.runNext()) await new Promise((resolve) => setImmediate(resolve));
  }
  const spanMs = started[started.length - 1]! - started[0]!;
  const achievedRpm = ((calls - 1) / spanMs) * WINDOW_MS;

  // Baseline: the same calls as fast as they come (one per ms), no limiter.
  let naiveNow = 0;
  const naive = strictProvider(limitRpm, limitTpm, () => naiveNow);
  for (const size of sizes) {
    try {
      naive.call(size);
    } catch {
      // counted by the provider
    }
    naiveNow += 1;
  }
  return {
    calls,
    limitRpm,
    limitTpm,
    achievedRpm,
    violations: violations(started, sizes, limitRpm, limitTpm),
    got429: provider.got429,
    baselineGot429: naive.got429,
  };
}
