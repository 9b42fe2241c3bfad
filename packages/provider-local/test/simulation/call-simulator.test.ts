import { ProviderUnavailableError, RateLimitError } from '@baton/core/contracts';
import { describe, expect, it } from 'vitest';
import { CallSimulator } from '../../src/simulation/call-simulator.js';

describe('CallSimulator', () => {
  it('is idle with no latency and no failure rate', () => {
    const simulator = new CallSimulator({ seed: 1, provider: 'local' });
    expect(simulator.idle).toBe(true);
    expect(simulator.next()).toEqual({ latencyMs: 0, error: undefined });
  });

  it('draws latency within mean ± jitter', () => {
    const simulator = new CallSimulator({
      seed: 1,
      provider: 'local',
      latencyMs: { meanMs: 100, jitterMs: 20 },
    });
    const latencies = Array.from({ length: 500 }, () => simulator.next().latencyMs);
    expect(Math.min(...latencies)).toBeGreaterThanOrEqual(80);
    expect(Math.max(...latencies)).toBeLessThanOrEqual(120);
    expect(new Set(latencies).size).toBeGreaterThan(400);
  });

  it('keeps failures independent of latency settings', () => {
    const fates = (latencyMs: number) => {
      const simulator = new CallSimulator({
        seed: 9,
        provider: 'local',
        failureRate: 0.2,
        latencyMs: { meanMs: latencyMs, jitterMs: latencyMs },
      });
      return Array.from({ length: 100 }, () => simulator.next().error?.name ?? 'ok');
    };
    expect(fates(50)).toEqual(fates(0));
  });

  it('produces the kinds and rates asked for, with provider details', () => {
    const simulator = new CallSimulator({ seed: 3, provider: 'local', failureRate: { unavailable: 0.3 } });
    const errors = Array.from({ length: 1000 }, () => simulator.next().error).filter(Boolean);
    expect(errors.length).toBeGreaterThan(240);
    expect(errors.length).toBeLessThan(360);
    expect(errors.every((error) => ProviderUnavailableError.isInstance(error))).toBe(true);
    expect(errors[0]).toMatchObject({ retryable: true, provider: { provider: 'local', status: 503 } });
    const limited = new CallSimulator({
      seed: 3,
      provider: 'local',
      failureRate: { rateLimit: 1 },
      retryAfterMs: 20,
    }).next().error;
    expect(RateLimitError.isInstance(limited) && limited.retryAfterMs).toBe(20);
  });
});
