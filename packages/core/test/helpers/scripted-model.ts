import type { ModelAdapter, ModelRequest, ModelResult, ModelStreamPart } from '@baton/core/contracts';

export type Step = ModelResult | Error | ((request: ModelRequest) => ModelResult | Promise<ModelResult>);

/** A tiny scripted adapter for core's own tests (users get `createMockModel` from @baton/testing). */
export function scriptedModel(steps: Step[], options: { provider?: string; modelId?: string } = {}) {
  const requests: ModelRequest[] = [];
  let index = 0;
  const next = async (request: ModelRequest): Promise<ModelResult> => {
    requests.push(structuredClone(request));
    const step = steps[index++];
    if (step === undefined) throw new Error(`scripted model: unexpected call #${index}`);
    if (step instanceof Error) throw step;
    return typeof step === 'function' ? step(request) : step;
  };
  const adapter: ModelAdapter & { requests: ModelRequest[] } = {
    specificationVersion: 'v1',
    provider: options.provider ?? 'mock',
    modelId: options.modelId ?? 'scripted',
    requests,
    generate: (request) => next(request),
    async *stream(request): AsyncIterable<ModelStreamPart> {
      const result = await next(request);
      for (const part of result.content) {
        if (part.type === 'text')
          for (const word of part.text.split(/(?<= )/)) yield { type: 'text-delta', delta: word };
        if (part.type === 'tool-call') yield { ...part };
      }
      yield { type: 'finish', finishReason: result.finishReason, usage: result.usage };
    },
  };
  return adapter;
}

export function text(value: string, usage = { inputTokens: 10, outputTokens: 5 }): ModelResult {
  return { content: [{ type: 'text', text: value }], finishReason: { unified: 'stop', raw: 'stop' }, usage };
}

export function toolCalls(...calls: { name: string; input: unknown; id?: string }[]): ModelResult {
  return {
    content: calls.map((c, i) => ({
      type: 'tool-call' as const,
      toolCallId: c.id ?? `call_${i}`,
      toolName: c.name,
      input: c.input,
    })),
    finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
    usage: { inputTokens: 12, outputTokens: 6 },
  };
}

/** A model that answers every call after `delayMs`, echoing the last user text. */
export function echoModel(delayMs = 0): ModelAdapter {
  const answer = async (request: ModelRequest): Promise<ModelResult> => {
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const last = request.messages.at(-1);
    const value =
      last && last.role === 'user' && last.content[0]?.type === 'text' ? last.content[0].text : '';
    return text(`echo: ${value}`);
  };
  return {
    specificationVersion: 'v1',
    provider: 'mock',
    modelId: 'echo',
    generate: answer,
    async *stream(request) {
      const result = await answer(request);
      yield { type: 'text-delta', delta: (result.content[0] as { text: string }).text };
      yield { type: 'finish', finishReason: result.finishReason, usage: result.usage };
    },
  };
}
