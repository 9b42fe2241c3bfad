import type { ModelAdapter, ModelResult, ModelStreamPart } from '../packages/core/src/index.ts';

/** A model that answers at once with a fixed text: what is left is Baton's own overhead. */
export function zeroLatencyModel(latencyMs = 0): ModelAdapter {
  const result: ModelResult = {
    content: [{ type: 'text', text: 'ok' }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: { inputTokens: 12, outputTokens: 2 },
  };
  return {
    specificationVersion: 'v1',
    provider: 'bench',
    modelId: latencyMs === 0 ? 'zero' : `latency-${latencyMs}`,
    generate: () =>
      latencyMs === 0
        ? Promise.resolve(result)
        : new Promise((resolve) => setTimeout(resolve, latencyMs, result)),
    async *stream(): AsyncIterable<ModelStreamPart> {
      if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
      yield { type: 'text-delta', delta: 'ok' } as ModelStreamPart;
      yield { type: 'finish', finishReason: result.finishReason, usage: result.usage } as ModelStreamPart;
    },
  };
}
