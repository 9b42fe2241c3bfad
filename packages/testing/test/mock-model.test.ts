import {
  CancelledError,
  InvalidRequestError,
  type ModelRequest,
  type ModelStreamPart,
  ProviderUnavailableError,
  RateLimitError,
} from '@baton/core/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMockModel } from '../src/index.js';

const ask = (text: string, extra: Partial<ModelRequest> = {}): ModelRequest => ({
  messages: [{ role: 'user', content: [{ type: 'text', text }] }],
  ...extra,
});

async function collect(parts: AsyncIterable<ModelStreamPart>): Promise<ModelStreamPart[]> {
  const out: ModelStreamPart[] = [];
  for await (const part of parts) out.push(part);
  return out;
}

describe('createMockModel', () => {
  afterEach(() => vi.useRealTimers());

  it('is a ModelAdapterV1 named mock:mock by default', () => {
    expect(createMockModel()).toMatchObject({
      specificationVersion: 'v1',
      provider: 'mock',
      modelId: 'mock',
    });
    expect(createMockModel({ provider: 'openai', modelId: 'gpt-5.5' })).toMatchObject({
      provider: 'openai',
      modelId: 'gpt-5.5',
    });
  });

  it('answers scripted steps in order: text, tool calls, a full response', async () => {
    const model = createMockModel({
      responses: [
        'hello',
        {
          toolCalls: [
            { toolName: 'search', input: { query: 'x' } },
            { toolName: 'read', input: { id: 1 }, toolCallId: 'mine' },
          ],
        },
        {
          text: 'done',
          reasoning: 'thinking',
          finishReason: 'length',
          usage: { inputTokens: 100, outputTokens: 7 },
          responseId: 'r1',
        },
      ],
    });
    expect(await model.generate(ask('a'))).toMatchObject({
      content: [{ type: 'text', text: 'hello' }],
      finishReason: { unified: 'stop', raw: 'stop' },
      modelId: 'mock',
      responseId: 'mock-1',
    });
    const second = await model.generate(ask('b'));
    expect(second.content).toEqual([
      { type: 'tool-call', toolCallId: 'call_2_0', toolName: 'search', input: { query: 'x' } },
      { type: 'tool-call', toolCallId: 'mine', toolName: 'read', input: { id: 1 } },
    ]);
    expect(second.finishReason.unified).toBe('tool-calls');
    expect(await model.generate(ask('c'))).toMatchObject({
      content: [
        { type: 'reasoning', text: 'thinking' },
        { type: 'text', text: 'done' },
      ],
      finishReason: { unified: 'length' },
      usage: { inputTokens: 100, outputTokens: 7 },
      responseId: 'r1',
    });
    model.assertDone();
  });

  it('estimates usage from the request and answer by default', async () => {
    const model = createMockModel({ responses: ['12345678'] });
    const result = await model.generate(ask('x'.repeat(400)));
    expect(result.usage.outputTokens).toBe(2);
    expect(result.usage.inputTokens).toBeGreaterThan(100);
  });

  it('throws scripted errors as given', async () => {
    const model = createMockModel({
      responses: [
        new RateLimitError('slow down', { retryAfterMs: 5 }),
        { error: new ProviderUnavailableError('down') },
        'ok',
      ],
    });
    await expect(model.generate(ask('a'))).rejects.toSatisfy(RateLimitError.isInstance);
    await expect(model.generate(ask('a'))).rejects.toSatisfy(ProviderUnavailableError.isInstance);
    await expect(model.generate(ask('a'))).resolves.toMatchObject({ content: [{ text: 'ok' }] });
    model.assertDone();
  });

  it('answers with a function of the request and the call number', async () => {
    const model = createMockModel({
      responses: [
        (request, call) => {
          const last = request.messages.at(-1);
          const text = last?.role === 'user' && last.content[0]?.type === 'text' ? last.content[0].text : '';
          return `${call}: ${text.toUpperCase()}`;
        },
        async () => ({ error: new Error('boom') }),
      ],
    });
    expect((await model.generate(ask('hi'))).content).toEqual([{ type: 'text', text: '1: HI' }]);
    await expect(model.generate(ask('hi'))).rejects.toThrow('boom');
  });

  it('records deep copies of every request', async () => {
    const model = createMockModel({ responses: ['a', 'b'] });
    const request = ask('first');
    await model.generate(request);
    (request.messages[0]!.content[0] as { text: string }).text = 'mutated';
    await collect(model.stream(ask('second')));
    expect(model.requests.map((r) => (r.messages[0]!.content[0] as { text: string }).text)).toEqual([
      'first',
      'second',
    ]);
    expect(model.calls.map((c) => c.method)).toEqual(['generate', 'stream']);
    expect(model.lastRequest).toBe(model.requests[1]);
  });

  it('records requests that structuredClone cannot copy', async () => {
    const model = createMockModel({ responses: ['ok'] });
    const request = ask('a', { providerOptions: { custom: { hook: () => 1, keep: 'yes' } } });
    await model.generate(request);
    expect(model.requests[0]?.providerOptions).toEqual({ custom: { keep: 'yes' } });
  });

  it('fails loudly on an unexpected call, even if the caller swallows the rejection', async () => {
    const model = createMockModel({ responses: ['only one'] });
    await model.generate(ask('a'));
    const error = await model.generate(ask('second question')).catch((e: unknown) => e);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /unexpected call #2 \(generate\); the script has 1 step\(s\), all consumed/,
    );
    expect((error as Error).message).toContain('"second question"');
    expect(() => model.assertDone()).toThrow(/unexpected call #2/);
  });

  it('fails assertDone on unconsumed steps', async () => {
    const model = createMockModel({ responses: ['a', 'b', 'c'] });
    await model.generate(ask('a'));
    expect(model.remaining).toBe(2);
    expect(() => model.assertDone()).toThrow(
      /2 scripted step\(s\) never consumed \(received 1 call\(s\), script had 3\)/,
    );
  });

  it('checks per-step expectations and reports mismatches', async () => {
    const model = createMockModel({
      responses: [
        { text: 'ok', expect: (request) => request.tools?.some((tool) => tool.name === 'search') },
        {
          text: 'never',
          label: 'needs a system prompt',
          expect: (request) => {
            if (request.messages[0]?.role !== 'system')
              throw new Error('first message is not a system message');
          },
        },
      ],
    });
    const tools = [{ name: 'search', inputSchema: { type: 'object' } }];
    await expect(model.generate(ask('a', { tools }))).resolves.toBeDefined();
    await expect(model.generate(ask('b'))).rejects.toThrow(
      /call #2 \(generate\) did not match the expectation of step 'needs a system prompt': first message is not a system message/,
    );
    expect(() => model.assertDone()).toThrow(/needs a system prompt/);
  });

  it('asserts on received requests with expectRequest', async () => {
    const model = createMockModel({ responses: ['a', 'b'] });
    await model.generate(ask('summarize this', { maxOutputTokens: 50 }));
    await model.generate(ask('classify that'));
    expect(model.expectRequest((r) => r.maxOutputTokens === 50)).toBe(model.requests[0]);
    expect(model.expectRequest((r) => r.maxOutputTokens === undefined, { at: 2 })).toBe(model.requests[1]);
    expect(() => model.expectRequest((r) => r.temperature === 0)).toThrow(
      /none of 2 call\(s\) matched\.\n {2}#1 generate: 1 message\(s\), last user text "summarize this"/,
    );
    expect(() => model.expectRequest(() => true, { at: 3, message: 'third call' })).toThrow(
      /third call: no call #3 \(received 2\)/,
    );
    expect(() =>
      model.expectRequest(
        (r) => {
          expect(r.maxOutputTokens).toBe(10);
        },
        { at: 1 },
      ),
    ).toThrow(/call #1 expected 50 to be 10/);
  });

  it('accepts more steps with push', async () => {
    const model = createMockModel();
    model.push('later');
    await expect(model.generate(ask('a'))).resolves.toMatchObject({ content: [{ text: 'later' }] });
    model.assertDone();
  });

  it('streams text as word deltas, tool calls as delta + call, then finish', async () => {
    const model = createMockModel({
      responses: [
        {
          text: 'The answer is 42.',
          reasoning: 'let me think',
          toolCalls: [{ toolName: 'calc', input: { a: 1 } }],
        },
      ],
    });
    const parts = await collect(model.stream(ask('q')));
    expect(parts).toEqual([
      { type: 'reasoning-delta', delta: 'let' },
      { type: 'reasoning-delta', delta: ' me' },
      { type: 'reasoning-delta', delta: ' think' },
      { type: 'text-delta', delta: 'The' },
      { type: 'text-delta', delta: ' answer' },
      { type: 'text-delta', delta: ' is' },
      { type: 'text-delta', delta: ' 42.' },
      { type: 'tool-call-delta', toolCallId: 'call_1_0', toolName: 'calc', argumentsDelta: '{"a":1}' },
      { type: 'tool-call', toolCallId: 'call_1_0', toolName: 'calc', input: { a: 1 } },
      {
        type: 'finish',
        finishReason: { unified: 'tool-calls', raw: 'tool-calls' },
        usage: expect.objectContaining({ inputTokens: expect.any(Number) }),
        responseId: 'mock-1',
        modelId: 'mock',
      },
    ]);
  });

  it('streams an error part mid-way, exact scripted parts, and rejects the first next() for a failure step', async () => {
    const cut = new ProviderUnavailableError('stream cut');
    const exact: ModelStreamPart[] = [{ type: 'text-delta', delta: 'raw' }];
    const model = createMockModel({
      responses: [{ text: 'partial answer', streamError: cut }, { streamParts: exact }, { error: cut }],
    });
    expect(await collect(model.stream(ask('a')))).toEqual([
      { type: 'text-delta', delta: 'partial' },
      { type: 'text-delta', delta: ' answer' },
      { type: 'error', error: cut },
    ]);
    expect(await collect(model.stream(ask('b')))).toEqual(exact);
    const iterator = model.stream(ask('c'))[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toBe(cut);
    model.assertDone();
  });

  it('rejects with CancelledError when aborted, before or during a scripted delay', async () => {
    const aborted = new AbortController();
    aborted.abort();
    const model = createMockModel({ responses: [{ text: 'slow', delayMs: 1000 }] });
    await expect(model.generate(ask('a'), { signal: aborted.signal })).rejects.toSatisfy(
      CancelledError.isInstance,
    );
    expect(model.calls).toHaveLength(0);
    vi.useFakeTimers();
    const controller = new AbortController();
    const pending = model.generate(ask('a'), { signal: controller.signal });
    await vi.advanceTimersByTimeAsync(500);
    controller.abort();
    await expect(pending).rejects.toSatisfy(CancelledError.isInstance);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('waits a scripted delay before answering', async () => {
    vi.useFakeTimers();
    const model = createMockModel({ responses: [{ text: 'slow', delayMs: 1000 }] });
    let done = false;
    const pending = model.generate(ask('a')).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(done).toBe(true);
  });
});
