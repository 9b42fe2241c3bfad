import type { ModelAdapter, ModelResult, ModelStreamPart } from '../../src/contracts/index.js';

/** One scripted outcome of a fake adapter call. */
export type Step = { ok: string } | { fail: unknown } | { parts: ModelStreamPart[]; throwAfter?: unknown };

export interface FakeAdapter extends ModelAdapter {
  calls: number;
}

export function result(text: string): ModelResult {
  return {
    content: [{ type: 'text', text }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: { inputTokens: 1, outputTokens: 1 },
  };
}

/** A scripted adapter: each call (generate or stream) consumes the next step. */
export function fakeAdapter(steps: Step[], name = 'fake:model', origin?: string): FakeAdapter {
  const [provider, modelId] = name.split(':') as [string, string];
  const adapter: FakeAdapter = {
    specificationVersion: 'v1',
    provider,
    modelId,
    calls: 0,
    async generate() {
      const step = steps[adapter.calls++];
      if (!step) throw new Error(`unexpected call ${adapter.calls}`);
      if ('fail' in step) throw step.fail;
      if ('ok' in step) return result(step.ok);
      throw new Error('stream step used for generate');
    },
    async *stream() {
      const step = steps[adapter.calls++];
      if (!step) throw new Error(`unexpected call ${adapter.calls}`);
      if ('fail' in step) throw step.fail;
      if ('ok' in step) {
        yield { type: 'text-delta', delta: step.ok };
        yield {
          type: 'finish',
          finishReason: { unified: 'stop' },
          usage: { inputTokens: 1, outputTokens: 1 },
        };
        return;
      }
      for (const part of step.parts) yield part;
      if (step.throwAfter) throw step.throwAfter;
    },
  };
  if (origin) Object.assign(adapter, { origin });
  return adapter;
}

export async function drain(
  stream: AsyncIterable<ModelStreamPart>,
): Promise<{ parts: ModelStreamPart[]; error: unknown }> {
  const parts: ModelStreamPart[] = [];
  try {
    for await (const part of stream) parts.push(part);
    return { parts, error: undefined };
  } catch (error) {
    return { parts, error };
  }
}
