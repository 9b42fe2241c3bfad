import {
  CancelledError,
  InvalidRequestError,
  type ModelAdapterV1,
  type ModelCallOptions,
  type ModelRequest,
  type ModelResult,
  type ModelStreamPart,
  TimeoutError,
} from '@baton/core/contracts';
import {
  isFailure,
  type MockResponse,
  type MockStep,
  type RequestPredicate,
  resolveStep,
  toModelResult,
  toStreamParts,
} from './mock-step.js';

/** Options of `createMockModel`. */
export interface MockModelOptions {
  /** Provider name (default `mock`). */
  provider?: string;
  /** Model id (default `mock`). */
  modelId?: string;
  /** The script: one step per expected call, consumed in order. */
  responses?: MockStep[];
}

/** One call the mock model received. */
export interface MockCall {
  /** 1-based call number. */
  call: number;
  method: 'generate' | 'stream';
  /** A deep copy of the request as received. */
  request: ModelRequest;
}

/** A scripted `ModelAdapterV1` that records what it receives and fails loudly when the script and the calls disagree. */
export interface MockModel extends ModelAdapterV1 {
  /** Every request received, deep-copied, in order. */
  readonly requests: readonly ModelRequest[];
  /** Every call received, with its method. */
  readonly calls: readonly MockCall[];
  /** The most recent request. */
  readonly lastRequest: ModelRequest | undefined;
  /** Steps not yet consumed. */
  readonly remaining: number;
  /** Problems seen so far (unexpected calls, failed step expectations); `assertDone()` throws them. */
  readonly failures: readonly string[];
  /** Appends steps to the script. */
  push(...steps: MockStep[]): void;
  /**
   * Asserts that a received request satisfies `predicate` (return `false` or throw to
   * reject): the call number `at` (1-based) when given, else any call. Returns that request.
   */
  expectRequest(predicate: RequestPredicate, options?: { at?: number; message?: string }): ModelRequest;
  /** Throws when a step was not consumed or a call failed its script; call it at the end of every test. */
  assertDone(): void;
}

/**
 * A scriptable mock model for your own tests: a queue of responses (text, tool calls,
 * errors to throw, or functions of the request), every request recorded, and loud
 * failures on an unexpected call (queue empty) or unconsumed steps (`assertDone()`).
 * Mock failures reject with a non-retryable `InvalidRequestError` so a runtime does not
 * retry past them, and are recorded so `assertDone()` reports them even if the runtime
 * swallowed the rejection.
 */
export function createMockModel(options: MockModelOptions = {}): MockModel {
  const provider = options.provider ?? 'mock';
  const modelId = options.modelId ?? 'mock';
  const queue: MockStep[] = [...(options.responses ?? [])];
  const calls: MockCall[] = [];
  const failures: string[] = [];
  let consumed = 0;

  const fail = (message: string): never => {
    failures.push(message);
    throw new InvalidRequestError(message, { provider });
  };

  const take = async (method: MockCall['method'], request: ModelRequest, signal: AbortSignal | undefined) => {
    if (signal?.aborted) throw abortError(signal, provider);
    const call = calls.length + 1;
    calls.push({ call, method, request: snapshot(request) });
    const raw = queue.shift();
    if (raw === undefined) {
      fail(
        `mock model ${provider}:${modelId}: unexpected call #${call} (${method}); the script has ${consumed} step(s), all consumed. Request: ${describe(request)}`,
      );
    }
    consumed++;
    let scripted: MockStep = raw!;
    while (typeof scripted === 'function') scripted = await scripted(request, call);
    const step = resolveStep(scripted);
    if (step.expect) {
      let verdict: unknown;
      let reason = '';
      try {
        verdict = step.expect(request);
      } catch (error) {
        verdict = false;
        reason = `: ${error instanceof Error ? error.message : String(error)}`;
      }
      if (verdict === false) {
        fail(
          `mock model ${provider}:${modelId}: call #${call} (${method}) did not match the expectation of step ${step.label ? `'${step.label}'` : `#${consumed}`}${reason}. Request: ${describe(request)}`,
        );
      }
    }
    if (step.delayMs && step.delayMs > 0) await delay(step.delayMs, signal, provider);
    if (isFailure(step)) throw step.error;
    return { step, call };
  };

  const model: MockModel = {
    specificationVersion: 'v1',
    provider,
    modelId,
    get requests() {
      return calls.map((entry) => entry.request);
    },
    calls,
    get lastRequest() {
      return calls.at(-1)?.request;
    },
    get remaining() {
      return queue.length;
    },
    failures,
    push(...steps) {
      queue.push(...steps);
    },
    async generate(request: ModelRequest, callOptions?: ModelCallOptions): Promise<ModelResult> {
      const { step, call } = await take('generate', request, callOptions?.signal);
      return toModelResult(step as MockResponse, request, call, modelId);
    },
    stream(request: ModelRequest, callOptions?: ModelCallOptions): AsyncIterable<ModelStreamPart> {
      return streamSteps(request, callOptions?.signal);
    },
    expectRequest(predicate, expectOptions = {}) {
      const { at, message } = expectOptions;
      const prefix = `mock model ${provider}:${modelId}: ${message ?? 'expected request not received'}`;
      if (at !== undefined) {
        const entry = calls[at - 1];
        if (!entry) throw new Error(`${prefix}: no call #${at} (received ${calls.length})`);
        let verdict: unknown;
        try {
          verdict = predicate(entry.request);
        } catch (error) {
          throw new Error(
            `${prefix}: call #${at} ${error instanceof Error ? error.message : String(error)}`,
            { cause: error },
          );
        }
        if (verdict === false)
          throw new Error(`${prefix}: call #${at} did not match. Request: ${describe(entry.request)}`);
        return entry.request;
      }
      for (const entry of calls) {
        try {
          if (predicate(entry.request) !== false) return entry.request;
        } catch {
          // a throwing predicate is a non-match here; the summary below lists what was received
        }
      }
      const received = calls
        .map((entry) => `  #${entry.call} ${entry.method}: ${describe(entry.request)}`)
        .join('\n');
      throw new Error(
        `${prefix}: none of ${calls.length} call(s) matched.${received ? `\n${received}` : ''}`,
      );
    },
    assertDone() {
      const problems = [...failures];
      if (queue.length > 0) {
        problems.push(
          `mock model ${provider}:${modelId}: ${queue.length} scripted step(s) never consumed (received ${calls.length} call(s), script had ${consumed + queue.length})`,
        );
      }
      if (problems.length > 0) throw new Error(problems.join('\n'));
    },
  };

  async function* streamSteps(
    request: ModelRequest,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<ModelStreamPart> {
    const { step, call } = await take('stream', request, signal);
    const response = step as MockResponse;
    const parts =
      response.streamParts ??
      toStreamParts(toModelResult(response, request, call, modelId), response.streamError);
    for (const part of parts) {
      if (signal?.aborted) throw abortError(signal, provider);
      yield part;
    }
  }

  return model;
}

/** A deep copy of the request, so later mutation by the caller does not rewrite history. */
function snapshot(request: ModelRequest): ModelRequest {
  try {
    return structuredClone(request);
  } catch {
    // Not structured-cloneable (a function or class instance somewhere): keep the JSON view.
    return JSON.parse(JSON.stringify(request)) as ModelRequest;
  }
}

function describe(request: ModelRequest): string {
  const last = [...request.messages].reverse().find((message) => message.role === 'user');
  const text =
    last && last.role === 'user'
      ? last.content.map((part) => (part.type === 'text' ? part.text : `[${part.type}]`)).join(' ')
      : '';
  const short = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  const tools = request.tools?.length ? `, tools [${request.tools.map((tool) => tool.name).join(', ')}]` : '';
  return `${request.messages.length} message(s), last user text ${JSON.stringify(short)}${tools}`;
}

function abortError(signal: AbortSignal, provider: string): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new TimeoutError('mock model call timed out', { cause: reason, provider });
  }
  return new CancelledError('mock model call was cancelled', { cause: reason, provider });
}

function delay(ms: number, signal: AbortSignal | undefined, provider: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal!, provider));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
