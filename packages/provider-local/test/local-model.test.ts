import {
  CancelledError,
  InvalidRequestError,
  type ModelRequest,
  type ModelStreamPart,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
  ValidationError,
} from '@baton/core/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLocalModel } from '../src/index.js';
import { ARTICLE, READ_FILE, request, SEARCH_NOTES, SOURCED_CONTEXT, user } from './__fixtures__/messages.js';

async function collect(parts: AsyncIterable<ModelStreamPart>): Promise<ModelStreamPart[]> {
  const out: ModelStreamPart[] = [];
  for await (const part of parts) out.push(part);
  return out;
}

const textOf = (result: { content: { type: string; text?: string }[] }) =>
  result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');

describe('createLocalModel', () => {
  afterEach(() => vi.useRealTimers());

  it('implements ModelAdapterV1 with provider local and modelId default', () => {
    const model = createLocalModel();
    expect(model).toMatchObject({ specificationVersion: 'v1', provider: 'local', modelId: 'default' });
    expect(createLocalModel({ modelId: 'fast' }).modelId).toBe('fast');
  });

  it('summarizes with usage, finish reason and metadata', async () => {
    const result = await createLocalModel().generate(
      request([user(`Summarize in two sentences:\n\n${ARTICLE}`)]),
    );
    expect(textOf(result)).toMatch(/^Baton is a TypeScript SDK.*\. Baton schedules tasks.*\.$/);
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
    expect(result.usage.inputTokens).toBeGreaterThan(60);
    expect(result.usage.outputTokens).toBeGreaterThan(20);
    expect(result.providerMetadata).toEqual({ local: { intent: 'summarize' } });
    expect(result.modelId).toBe('default');
    expect(result.responseId).toBe('local-default-1');
  });

  it('answers from context with a citation', async () => {
    const result = await createLocalModel().generate(
      request([
        { role: 'system', content: `Answer from the context.\nContext:\n${SOURCED_CONTEXT}` },
        user('How often do encryption keys rotate?'),
      ]),
    );
    expect(textOf(result)).toBe('Encryption keys rotate every 90 days. [doc-03]');
  });

  it('says so when the context holds no answer', async () => {
    const result = await createLocalModel().generate(
      request([user(`${SOURCED_CONTEXT}\n\nWho founded the company?`)]),
    );
    expect(textOf(result)).toBe('The given context does not answer: Who founded the company?');
  });

  it('classifies among the labels in the prompt', async () => {
    const result = await createLocalModel().generate(
      request([
        { role: 'system', content: 'Route the ticket to one of: billing, outage, account.' },
        user("I can't log in to my account."),
      ]),
    );
    expect(textOf(result)).toBe('account');
  });

  it('runs the tool protocol: calls the tool, then answers from its result and stops', async () => {
    const model = createLocalModel();
    const messages = [user('Search the notes for the quarterly revenue targets')];
    const first = await model.generate(request(messages, { tools: [SEARCH_NOTES, READ_FILE] }));
    expect(first.finishReason.unified).toBe('tool-calls');
    expect(first.content).toEqual([
      {
        type: 'tool-call',
        toolCallId: expect.any(String),
        toolName: 'search_notes',
        input: { query: 'quarterly revenue targets' },
      },
    ]);
    const call = first.content[0]!;
    if (call.type !== 'tool-call') throw new Error('expected a tool call');
    const second = await model.generate(
      request(
        [
          ...messages,
          { role: 'assistant', content: [call] },
          {
            role: 'tool',
            content: [
              {
                type: 'tool-result',
                toolCallId: call.toolCallId,
                toolName: 'search_notes',
                output: {
                  hits: [
                    { id: 'note-7', text: 'The Q3 revenue target is $2.1M.' },
                    { id: 'note-9', text: 'The Q4 revenue target is $2.6M.' },
                  ],
                },
              },
            ],
          },
        ],
        { tools: [SEARCH_NOTES, READ_FILE] },
      ),
    );
    expect(second.finishReason.unified).toBe('stop');
    expect(textOf(second)).toBe(
      'The Q3 revenue target is $2.1M. [note-7] The Q4 revenue target is $2.6M. [note-9]',
    );
    expect(second.usage.inputTokens).toBeGreaterThan(first.usage.inputTokens);
  });

  it('reports a failed tool instead of calling it again', async () => {
    const call = {
      type: 'tool-call' as const,
      toolCallId: 'c1',
      toolName: 'read_file',
      input: { path: 'a.md' },
    };
    const result = await createLocalModel().generate(
      request(
        [
          user('Read the file a.md'),
          { role: 'assistant', content: [call] },
          {
            role: 'tool',
            content: [
              {
                type: 'tool-result',
                toolCallId: 'c1',
                toolName: 'read_file',
                output: { error: 'not found' },
                isError: true,
              },
            ],
          },
        ],
        { tools: [READ_FILE] },
      ),
    );
    expect(result.finishReason.unified).toBe('stop');
    expect(textOf(result)).toBe('The tool read_file failed: {"error":"not found"}');
  });

  it('gives unique tool call ids across steps and the same ids for the same request', async () => {
    const model = createLocalModel();
    const one = request([user('Read docs/a.md and docs/b.md')], { tools: [READ_FILE] });
    const a = await model.generate(one);
    const b = await createLocalModel().generate(one);
    const ids = a.content.map((part) => (part.type === 'tool-call' ? part.toolCallId : ''));
    expect(new Set(ids).size).toBe(2);
    expect(b.content).toEqual(a.content);
  });

  it('is deterministic: the same request gives the same result', async () => {
    const req = request([user(`Summarize: ${ARTICLE}`)], { maxOutputTokens: 40 });
    const results = await Promise.all([1, 2, 3].map(() => createLocalModel().generate(req)));
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('respects maxOutputTokens with finish reason length', async () => {
    const result = await createLocalModel().generate(
      request([user(`Summarize: ${ARTICLE}`)], { maxOutputTokens: 5 }),
    );
    expect(result.finishReason.unified).toBe('length');
    expect(result.usage.outputTokens).toBeLessThanOrEqual(5);
    expect(ARTICLE.startsWith(textOf(result))).toBe(true);
  });

  it('cuts at stop sequences', async () => {
    const result = await createLocalModel().generate(
      request([user(`Summarize: ${ARTICLE}`)], { stopSequences: [' SDK'] }),
    );
    expect(textOf(result)).toBe('Baton is a TypeScript');
  });

  it('streams word-sized text deltas that add up to the generated text, then finish', async () => {
    const model = createLocalModel();
    const req = request([user(`Summarize: ${ARTICLE}`)]);
    const expected = textOf(await createLocalModel().generate(req));
    const parts = await collect(model.stream(req));
    const deltas = parts.filter((part) => part.type === 'text-delta');
    expect(deltas.length).toBeGreaterThan(10);
    expect(deltas.map((part) => part.delta).join('')).toBe(expected);
    expect(deltas.every((part) => part.delta.trim().split(/\s+/).length === 1)).toBe(true);
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: { unified: 'stop' },
      modelId: 'default',
    });
  });

  it('streams tool calls as a delta and a complete call', async () => {
    const parts = await collect(
      createLocalModel().stream(request([user('Read the file notes/a.md')], { tools: [READ_FILE] })),
    );
    expect(parts.map((part) => part.type)).toEqual(['tool-call-delta', 'tool-call', 'finish']);
    expect(parts[0]).toMatchObject({ argumentsDelta: '{"path":"notes/a.md"}' });
    expect(parts[1]).toMatchObject({ toolName: 'read_file', input: { path: 'notes/a.md' } });
    expect(parts[2]).toMatchObject({ finishReason: { unified: 'tool-calls', raw: 'tool_calls' } });
  });

  it('simulates failures from a seeded PRNG: same seed, same failing calls', async () => {
    const outcomes = async (seed: number) => {
      const model = createLocalModel({ failureRate: 0.3, seed, retryAfterMs: 250 });
      const out: string[] = [];
      for (let i = 0; i < 200; i++) {
        try {
          await model.generate(request([user('hello')]));
          out.push('ok');
        } catch (error) {
          if (RateLimitError.isInstance(error)) {
            expect(error.retryAfterMs).toBe(250);
            expect(error.retryable).toBe(true);
            out.push('rate');
          } else if (ProviderUnavailableError.isInstance(error)) out.push('down');
          else throw error;
        }
      }
      return out;
    };
    const first = await outcomes(7);
    expect(await outcomes(7)).toEqual(first);
    expect(await outcomes(8)).not.toEqual(first);
    const failures = first.filter((outcome) => outcome !== 'ok').length;
    expect(failures).toBeGreaterThan(35);
    expect(failures).toBeLessThan(85);
    expect(first).toContain('rate');
    expect(first).toContain('down');
  });

  it('fails only the kinds asked for', async () => {
    const model = createLocalModel({ failureRate: { rateLimit: 1 } });
    await expect(model.generate(request([user('hi')]))).rejects.toSatisfy(RateLimitError.isInstance);
    await expect(collect(model.stream(request([user('hi')])))).rejects.toSatisfy(RateLimitError.isInstance);
  });

  it('waits the simulated latency on one timer, with seeded jitter', async () => {
    vi.useFakeTimers();
    const model = createLocalModel({ latencyMs: { meanMs: 100, jitterMs: 50 }, seed: 1 });
    let settled = false;
    const pending = model.generate(request([user('hi')])).then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(49);
    expect(settled).toBe(false);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(101);
    await pending;
    expect(settled).toBe(true);
  });

  it('uses no timer when latency is zero', async () => {
    vi.useFakeTimers();
    const model = createLocalModel({ latencyMs: 0 });
    const pending = model.generate(request([user('hi')]));
    expect(vi.getTimerCount()).toBe(0);
    await expect(pending).resolves.toMatchObject({ finishReason: { unified: 'stop' } });
  });

  it('rejects with CancelledError when aborted before or during the call', async () => {
    const aborted = new AbortController();
    aborted.abort();
    await expect(
      createLocalModel().generate(request([user('hi')]), { signal: aborted.signal }),
    ).rejects.toSatisfy(CancelledError.isInstance);
    vi.useFakeTimers();
    const controller = new AbortController();
    const pending = createLocalModel({ latencyMs: 1000 }).generate(request([user('hi')]), {
      signal: controller.signal,
    });
    controller.abort();
    await expect(pending).rejects.toSatisfy(CancelledError.isInstance);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects with TimeoutError for a timeout signal, and stops a stream mid-way', async () => {
    const timedOut = new AbortController();
    timedOut.abort(new DOMException('timed out', 'TimeoutError'));
    await expect(
      createLocalModel().generate(request([user('hi')]), { signal: timedOut.signal }),
    ).rejects.toSatisfy(TimeoutError.isInstance);
    const controller = new AbortController();
    const seen: ModelStreamPart[] = [];
    const consume = async () => {
      for await (const part of createLocalModel().stream(request([user(`Summarize: ${ARTICLE}`)]), {
        signal: controller.signal,
      })) {
        seen.push(part);
        if (seen.length === 3) controller.abort();
      }
    };
    await expect(consume()).rejects.toSatisfy(CancelledError.isInstance);
    expect(seen).toHaveLength(3);
  });

  it('rejects malformed requests and options with typed errors', async () => {
    const model = createLocalModel();
    await expect(model.generate({} as ModelRequest)).rejects.toSatisfy(InvalidRequestError.isInstance);
    await expect(
      model.generate({ messages: [{ role: 'user', content: 'text' }] } as unknown as ModelRequest),
    ).rejects.toThrow(/messages\[0\]/);
    expect(() => createLocalModel({ failureRate: 2 })).toThrow(ValidationError);
    expect(() => createLocalModel({ latencyMs: -1 })).toThrow(/latencyMs/);
    expect(() => createLocalModel({ colour: 'red' } as never)).toThrow(/colour/);
  });

  it('computes arithmetic it is asked for, as text and as JSON', async () => {
    const model = createLocalModel();
    expect(textOf(await model.generate(request([user('What is 17 * 23?')])))).toBe('17 * 23 = 391');
    const json = await model.generate(
      request([user('Calculate (2 + 3) / 4')], {
        responseFormat: {
          type: 'json',
          schema: { type: 'object', properties: { result: { type: 'number' } }, required: ['result'] },
        },
      }),
    );
    expect(JSON.parse(textOf(json))).toEqual({ result: 1.25 });
    expect(textOf(await model.generate(request([user('Order 2024-17 shipped.')])))).not.toContain('=');
  });

  it('explains what it can do when asked nothing it can work on', async () => {
    const result = await createLocalModel().generate(request([user('hello there')]));
    expect(textOf(result)).toMatch(/^I am a local extractive model/);
  });
});
