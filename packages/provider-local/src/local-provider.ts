import type { ModelAdapter } from '@baton/core/contracts';
import { createLocalModel } from './local-model.js';
import type { LocalModelOptions } from './local-model-options.js';

/** Model ids the provider knows, and the options each one starts from. */
export const LOCAL_MODEL_PRESETS: Readonly<Record<string, LocalModelOptions>> = {
  /** The default model: no simulated latency or failures. */
  default: {},
  /** Explicitly zero latency, for benchmarks (same engine as `default`). */
  fast: { latencyMs: 0 },
  /** Latency like a small hosted model: 300 ms ± 100 ms (seeded). */
  realistic: { latencyMs: { meanMs: 300, jitterMs: 100 } },
  /** 10% of calls fail (half rate limits, half outages), for retry tests. */
  flaky: { failureRate: 0.1 },
};

/**
 * The provider for core's registry: `localProvider(options)` is `(modelId) => ModelAdapter`,
 * so `local:default`, `local:fast`, `local:realistic` and `local:flaky` resolve to local
 * models with those presets (`options` override them). Any other id runs the `default`
 * preset under that id: every local model is the same engine, so `local:anything` still
 * works offline.
 */
export function localProvider(
  options: Omit<LocalModelOptions, 'modelId'> = {},
): (modelId: string) => ModelAdapter {
  return (modelId: string) => {
    const preset = Object.hasOwn(LOCAL_MODEL_PRESETS, modelId) ? LOCAL_MODEL_PRESETS[modelId] : undefined;
    return createLocalModel({ ...(preset ?? {}), ...options, modelId: modelId || 'default' });
  };
}
