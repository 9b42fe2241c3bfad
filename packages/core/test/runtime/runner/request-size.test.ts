import {
  createOrchestrator,
  createRegistry,
  defineAgent,
  type ModelAdapter,
  type ModelRequest,
  type ModelResult,
  tool,
} from '@baton/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { text, toolCalls } from '../../helpers/scripted-model.js';

// The agent loop keeps its request's JSON size as it appends messages instead of measuring
// the request on every call: the `bytes` of each model call must still be the request's.
describe('model-call bytes kept by the agent loop', () => {
  function recording(answers: ((request: ModelRequest) => ModelResult)[]) {
    const sent: number[] = [];
    let call = 0;
    const model: ModelAdapter = {
      specificationVersion: 'v1',
      provider: 'mock',
      modelId: 'rec',
      generate: async (request) => {
        // Measured when sent: the loop appends to the same history afterwards.
        sent.push(Buffer.byteLength(JSON.stringify(request)));
        return answers[Math.min(call++, answers.length - 1)]!(request);
      },
      stream: () => {
        throw new Error('unused');
      },
    };
    return { model, sent };
  }

  async function bytesOf(model: ModelAdapter, agent: ReturnType<typeof defineAgent>, input: unknown) {
    const bytes: number[] = [];
    const orchestrator = createOrchestrator({
      registry: createRegistry({ providers: { mock: () => model } }),
      defaultModel: 'mock:rec',
    });
    const outcome = await orchestrator.run(agent, input, {
      onEvent: (e) => {
        if (e.type === 'model-call-started') bytes.push(e.bytes);
      },
    }).result;
    return { bytes, outcome };
  }

  it('matches JSON.stringify for tools, non-ASCII text, object input and a multi-step loop', async () => {
    const lookup = tool({
      name: 'lookup',
      description: 'Look up a word — “quoted”',
      input: z.object({ word: z.string() }),
      execute: async ({ word }) => ({ word, note: 'naïve \\ "escaped"\n' }),
    });
    const { model, sent } = recording([
      () => toolCalls({ name: 'lookup', input: { word: 'zoë' } }),
      () => toolCalls({ name: 'lookup', input: { word: '日本' } }, { name: 'lookup', input: { word: 'x' } }),
      () => text('done ✓'),
    ]);
    const agent = defineAgent({
      name: 'reader',
      instructions: 'Réponds briefly. "Quote" and \\ backslash, tab\t.',
      tools: [lookup],
      temperature: 0.3,
      maxOutputTokens: 333,
    });
    const { bytes, outcome } = await bytesOf(model, agent, { question: 'naïve?', n: [1, 2.5, null] });
    expect(outcome.status).toBe('succeeded');
    expect(sent).toHaveLength(3);
    expect(bytes).toEqual(sent);
  });

  it('matches JSON.stringify through a structured-output repair, for every agent sharing a frame', async () => {
    const { model, sent } = recording([() => text('not json'), () => text('{"answer":42}')]);
    const agent = defineAgent({
      name: 'structured',
      output: z.object({ answer: z.number() }),
    });
    const first = await bytesOf(model, agent, 'what?');
    expect(first.outcome.output).toEqual({ answer: 42 });
    // A second run of the same agent reuses its measured frame; a longer input changes only the text.
    const second = await bytesOf(model, agent, 'what is the answer to everything, exactly?');
    expect([...first.bytes, ...second.bytes]).toEqual(sent);
  });

  it('measures again after the agent was changed', async () => {
    const { model, sent } = recording([() => text('ok')]);
    const agent = defineAgent({ name: 'mutable', instructions: 'short' });
    const before = await bytesOf(model, agent, 'x');
    (agent as { instructions?: string }).instructions = 'a much longer instruction than before';
    const after = await bytesOf(model, agent, 'x');
    (agent as { instructions?: string }).instructions = undefined;
    const none = await bytesOf(model, agent, 'x');
    expect([...before.bytes, ...after.bytes, ...none.bytes]).toEqual(sent);
  });
});
