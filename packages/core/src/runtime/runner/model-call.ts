import type { Reservation } from '../../budget/budget-ledger.js';
import type { ModelAdapter, ModelCallOptions } from '../../contracts/model/v1/model-adapter.js';
import type { ModelRequest } from '../../contracts/model/v1/model-request.js';
import type { ModelContentPart, ModelResult } from '../../contracts/model/v1/model-result.js';
import { emptyUsage } from '../../contracts/model/v1/usage.js';
import type { Policy, PolicyContext, PolicyDecision, SerializedRequest } from '../../contracts/policy.js';
import { AuthenticationError } from '../../errors/authentication-error.js';
import { BatonError } from '../../errors/baton-error.js';
import { PermissionDeniedError } from '../../errors/permission-denied-error.js';
import { ProviderUnavailableError } from '../../errors/provider-unavailable-error.js';
import { RateLimitError } from '../../errors/rate-limit-error.js';
import { TimeoutError } from '../../errors/timeout-error.js';
import { findPrice, type ModelPrice, priceUsage } from '../../pricing/price-table.js';
import { abortableSleep } from '../../resilience/abortable-sleep.js';
import { fullJitterDelayMs, retryAfterMsOf } from '../../resilience/retry-delay.js';
import { now } from '../event-stream.js';
import type { RunContext, TaskState } from '../run-context.js';
import type { TaskCancellation } from '../task-cancellation.js';
import { summarizeError } from './error-summary.js';
import { type JsonSize, jsonSize } from './json-size.js';
import { callPolicyContext, policyContextOf } from './policy-context.js';
import { ignore, promiseInto, type ResolverFields } from './race-abort.js';

// Prices resolved once per adapter and price table rather than on every call.
const priceCache = new WeakMap<object, WeakMap<ModelAdapter, ModelPrice | undefined>>();
function priceOf(run: RunContext, adapter: ModelAdapter): ModelPrice | undefined {
  let byAdapter = priceCache.get(run.prices);
  if (!byAdapter) {
    byAdapter = new WeakMap();
    priceCache.set(run.prices, byAdapter);
  }
  if (byAdapter.has(adapter)) return byAdapter.get(adapter);
  const price = findPrice(run.prices, adapter.provider, adapter.modelId);
  byAdapter.set(adapter, price);
  return price;
}

// The AbortSignal is made only if the adapter reads it: most in-process models never do.
// A class keeps the getter on the prototype, so each call allocates one small object.
class LazySignalOptions implements ModelCallOptions {
  constructor(private readonly cancellation: TaskCancellation) {}
  get signal(): AbortSignal {
    return this.cancellation.signal;
  }
}
function callOptions(cancellation: TaskCancellation): ModelCallOptions {
  return new LazySignalOptions(cancellation);
}

/** Worst-case input tokens of a serialized request: ~4 bytes per token, rounded up. */
export function estimateInputTokens(serialized: string): number {
  return Math.ceil(serialized.length / 4);
}

/**
 * One model call through every boundary: egress policies, the egress monitor, rate
 * limits, the budget reservation, the adapter, settlement and events.
 */
export function callModel(
  run: RunContext,
  task: TaskState,
  adapter: ModelAdapter,
  original: ModelRequest,
  coordination: boolean,
  stream: boolean,
  /** `jsonSize(original)` when the caller keeps it (the agent loop does). */
  size?: JsonSize,
): Promise<ModelResult> {
  try {
    const request = run.egressPolicies.length > 0 ? applyEgressPolicies(run, task, original) : original;
    if (isPromiseLike(request))
      return request.then((sent) =>
        send(run, task, adapter, sent, coordination, stream, sent === original ? size : undefined),
      );
    return send(run, task, adapter, request, coordination, stream, request === original ? size : undefined);
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * The request after every egress policy, in order. Policies usually decide synchronously; the
 * chain stays synchronous (no async frame, no promise per policy) until one returns a promise.
 */
function applyEgressPolicies(
  run: RunContext,
  task: TaskState,
  original: ModelRequest,
): ModelRequest | Promise<ModelRequest> {
  const context = policyContextOf(run, task);
  const policies = run.egressPolicies;
  let request = original;
  for (let i = 0; i < policies.length; i++) {
    const decision = policies[i]!.beforeModelCall!(request, context);
    if (isPromiseLike(decision)) return finishEgressPolicies(run, task, request, decision, i, context);
    request = applyEgressDecision(run, task, policies[i]!, request, decision);
  }
  return request;
}

/** The rest of the egress chain once policy `index` has returned a promise. */
async function finishEgressPolicies(
  run: RunContext,
  task: TaskState,
  current: ModelRequest,
  pending: PromiseLike<PolicyDecision<ModelRequest>>,
  index: number,
  context: PolicyContext,
): Promise<ModelRequest> {
  const policies = run.egressPolicies;
  let request = applyEgressDecision(run, task, policies[index]!, current, await pending);
  for (let i = index + 1; i < policies.length; i++) {
    const decision = await policies[i]!.beforeModelCall!(request, context);
    request = applyEgressDecision(run, task, policies[i]!, request, decision);
  }
  return request;
}

/** The request after one policy's decision (recorded as an event unless it allowed it as is). */
function applyEgressDecision(
  run: RunContext,
  task: TaskState,
  policy: Policy,
  request: ModelRequest,
  decision: PolicyDecision<ModelRequest>,
): ModelRequest {
  if (decision.action === 'allow') return request;
  run.events.emit({
    type: 'policy-decision',
    taskId: task.id,
    policy: policy.name,
    boundary: 'egress',
    action: decision.action,
    reason: decision.reason,
  });
  if (decision.action === 'deny') throw new PermissionDeniedError(`egress:${policy.name}`, decision.reason);
  return decision.value;
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as PromiseLike<T> | undefined)?.then === 'function';
}

/**
 * Serializes the request, runs the egress monitor and makes the first attempt. Retries and
 * fallbacks live in `recover`, entered only when that attempt fails, so a call that
 * succeeds at once costs no extra async frame.
 */
function send(
  run: RunContext,
  task: TaskState,
  adapter: ModelAdapter,
  request: ModelRequest,
  coordination: boolean,
  stream: boolean,
  knownSize: JsonSize | undefined,
): Promise<ModelResult> {
  // The first attempt's id is known before the egress monitor runs, so its findings and the
  // `model-call-started` event name the same call.
  const callNumber = run.nextCallNumber();
  const size = knownSize ?? jsonSize(request);
  if (run.inspectors.length > 0) {
    const serialized = new LazySerializedRequest(request, size.bytes);
    const context = callPolicyContext(run, task, callIdOf(callNumber));
    for (const policy of run.inspectors) policy.inspectEgress!(request, serialized, context);
  }
  const prepared: PreparedCall = {
    request,
    inputTokens: Math.ceil(size.chars / 4),
    bytes: size.bytes,
    coordination,
    stream,
    delivered: false,
  };
  // Retries and fallbacks start from inside the first attempt's failure (`recoverable`), so
  // a call that succeeds at once costs no extra promise.
  return attemptCall(run, task, adapter, prepared, callNumber, run.retry !== undefined);
}

/**
 * The request's JSON for the egress monitor, serialized only if a monitor reads it: the
 * minimization policy reads the request's strings directly, and its size is already known.
 */
class LazySerializedRequest implements SerializedRequest {
  private text: string | undefined = undefined;

  constructor(
    private readonly request: ModelRequest,
    readonly bytes: number,
  ) {}

  get json(): string {
    this.text ??= JSON.stringify(this.request);
    return this.text;
  }
}

/** A model call's id as events show it. */
function callIdOf(callNumber: number): string {
  return `c${callNumber}`;
}

/** Retries (with backoff) and then falls back along the model's chain after a failed first attempt. */
async function recover(
  run: RunContext,
  task: TaskState,
  adapter: ModelAdapter,
  prepared: PreparedCall,
  firstCallNumber: number,
  firstError: unknown,
): Promise<ModelResult> {
  const retry = run.retry!;
  const chain = run.fallbacks?.[`${adapter.provider}:${adapter.modelId}`];
  let current = adapter;
  let callNumber = firstCallNumber;
  let error = firstError;
  for (let link = 0; ; link++) {
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0 || link > 0) {
        prepared.delivered = false;
        callNumber = run.nextCallNumber();
        try {
          return await attemptCall(run, task, current, prepared, callNumber, false);
        } catch (caught) {
          error = caught;
        }
      }
      // Never retry what the caller already saw, nor anything once the task is cancelled.
      if (prepared.delivered || task.cancellation.aborted) throw error;
      if (!BatonError.isInstance(error) || !error.retryable || attempt >= retry.maxRetries) break;
      const hint = retryAfterMsOf(error);
      if (hint !== undefined && hint > retry.maxRetryAfterMs) break;
      const delayMs = hint ?? fullJitterDelayMs(attempt, retry.baseDelayMs, retry.maxDelayMs, Math.random);
      run.events.emit({
        type: 'retry-scheduled',
        taskId: task.id,
        callId: callIdOf(callNumber),
        attempt: attempt + 1,
        delayMs,
        error: summarizeError(error),
      });
      await abortableSleep(delayMs, task.cancellation.signal);
    }
    const next = chain?.[link];
    if (next === undefined || !shouldFallback(error)) throw error;
    run.events.emit({
      type: 'fallback-used',
      taskId: task.id,
      from: `${current.provider}:${current.modelId}`,
      to: next,
      error: summarizeError(error),
    });
    current = run.registry.resolve(next);
  }
}

/** What every attempt of one logical model call sends. */
interface PreparedCall {
  request: ModelRequest;
  /** Worst-case input tokens of the serialized request (`estimateInputTokens`). */
  inputTokens: number;
  /** UTF-8 bytes of the serialized request. */
  bytes: number;
  coordination: boolean;
  stream: boolean;
  /** Whether the current attempt already handed output to the caller (then it is never retried). */
  delivered: boolean;
}

// A failure that another model may not share: the provider is down, throttled, slow or
// refuses our credentials. Invalid requests and content filters would fail anywhere.
function shouldFallback(error: unknown): boolean {
  return (
    ProviderUnavailableError.isInstance(error) ||
    RateLimitError.isInstance(error) ||
    TimeoutError.isInstance(error) ||
    AuthenticationError.isInstance(error)
  );
}

/**
 * One attempt against one adapter: rate limit, budget reservation, the call, settlement,
 * events. When it fails and is `recoverable` (the first attempt, retries on), it goes on to
 * `recover`.
 */
function attemptCall(
  run: RunContext,
  task: TaskState,
  adapter: ModelAdapter,
  prepared: PreparedCall,
  callNumber: number,
  recoverable: boolean,
): Promise<ModelResult> {
  return new ModelCallAttempt(run, task, adapter, prepared, callNumber, recoverable).promise;
}

/**
 * One attempt as an object that moves itself from step to step, rather than an async
 * function: a task waiting on its model then holds this object and one promise, not a
 * suspended frame keeping every local alive (with 10,000 calls in flight, suspended frames
 * were most of the heap and of the garbage collector's work). It is also the abort listener:
 * cancelling the task fails the attempt at once, releasing its reservation, even if the
 * adapter ignores the signal (streams stop through the signal they are given).
 * Events only listeners would read are built only when someone listens.
 */
class ModelCallAttempt implements ResolverFields<ModelResult> {
  readonly promise: Promise<ModelResult>;
  resolve: (value: ModelResult | PromiseLike<ModelResult>) => void = ignore;
  reject: (reason: unknown) => void = ignore;
  private readonly price: ModelPrice | undefined;
  private reservation: Reservation | undefined = undefined;
  private startedAt = 0;
  /** The adapter was called (a failure from here on is a failed model call). */
  private calling = false;
  private listening = false;
  private settled = false;

  constructor(
    private readonly run: RunContext,
    private readonly task: TaskState,
    private readonly adapter: ModelAdapter,
    private readonly prepared: PreparedCall,
    private readonly callNumber: number,
    private readonly recoverable: boolean,
  ) {
    this.promise = promiseInto(this);
    this.price = priceOf(run, adapter);
    try {
      const limiter = run.rateLimiter;
      const waiting = limiter?.acquire(
        `${adapter.provider}:${adapter.modelId}`,
        this.worstTokens(),
        task.cancellation,
      );
      if (waiting)
        waiting.then(
          () => this.reserve(),
          (error: unknown) => this.fail(error),
        );
      else this.reserve();
    } catch (error) {
      this.fail(error);
    }
  }

  private worstTokens(): number {
    return this.prepared.inputTokens + (this.prepared.request.maxOutputTokens ?? 0);
  }

  /** Task budgets (an agent's `budget`, a delegation's) count even when the run has no cap. */
  private reserve(): void {
    const { run, task } = this;
    try {
      if (!run.budgeted && !run.ledger.isCapped?.(task.id)) {
        this.call();
        return;
      }
      const worstCost = priceUsage(this.price, {
        inputTokens: this.prepared.inputTokens,
        outputTokens: this.prepared.request.maxOutputTokens ?? 0,
      });
      const reserved = run.ledger.reserve(
        { taskId: task.id, tokens: this.worstTokens(), costUsd: worstCost },
        task.cancellation,
      );
      if ('then' in reserved)
        reserved.then(
          (reservation) => this.reserved(reservation),
          (error: unknown) => this.fail(error),
        );
      else this.reserved(reserved);
    } catch (error) {
      this.fail(error);
    }
  }

  private reserved(reservation: Reservation): void {
    this.reservation = reservation;
    const events = this.run.events;
    if (events.observed) {
      events.emit({
        type: 'budget-reserved',
        taskId: this.task.id,
        reservationId: reservation.id,
        tokens: reservation.tokens,
        costUsd: reservation.costUsd,
      });
    } else {
      events.skip();
    }
    this.call();
  }

  private call(): void {
    const { run, task, adapter, prepared } = this;
    const events = run.events;
    const cancellation = task.cancellation;
    let work: Promise<ModelResult>;
    try {
      this.startedAt = now();
      run.report.modelCallStarted(prepared.bytes);
      if (events.observed) {
        events.deliver(
          {
            type: 'model-call-started',
            taskId: task.id,
            callId: callIdOf(this.callNumber),
            provider: adapter.provider,
            modelId: adapter.modelId,
            bytes: prepared.bytes,
          },
          this.startedAt,
        );
      } else {
        events.skip();
      }
      this.calling = true;
      if (prepared.stream) {
        work = collectStream(run, task, adapter, prepared.request, cancellation.signal, prepared);
      } else {
        work = adapter.generate(prepared.request, callOptions(cancellation));
        if (cancellation.aborted) {
          work.then(ignore, ignore);
          this.fail(cancellation.reason);
          return;
        }
        cancellation.addEventListener('abort', this);
        this.listening = true;
      }
    } catch (error) {
      this.fail(error);
      return;
    }
    work.then(
      (result) => this.succeed(result),
      (error: unknown) => this.fail(error),
    );
  }

  /** The task was cancelled while the adapter worked. */
  handleEvent(): void {
    this.fail(this.task.cancellation.reason);
  }

  private unlisten(): void {
    if (!this.listening) return;
    this.listening = false;
    this.task.cancellation.removeEventListener('abort', this);
  }

  private succeed(result: ModelResult): void {
    if (this.settled) return;
    this.settled = true;
    this.unlisten();
    try {
      this.settle(result);
      this.resolve(result);
    } catch (error) {
      this.reject(error);
    }
  }

  /** Settles the reservation to actual usage, feeds the rate limiter and the report. */
  private settle(result: ModelResult): void {
    const { run, task, adapter, prepared } = this;
    const events = run.events;
    const usage = result.usage ?? emptyUsage();
    const costUsd = priceUsage(this.price, usage);
    const reservation = this.reservation;
    if (reservation) {
      reservation.settle({ tokens: usage.inputTokens + usage.outputTokens, costUsd });
      if (events.observed) {
        events.emit({
          type: 'budget-settled',
          taskId: task.id,
          reservationId: reservation.id,
          tokens: usage.inputTokens + usage.outputTokens,
          costUsd,
        });
      } else {
        events.skip();
      }
    }
    if (run.rateLimiter?.observe) {
      const info: { rateLimit?: ModelResult['rateLimit']; usedTokens: number } = {
        usedTokens: usage.inputTokens + usage.outputTokens,
      };
      if (result.rateLimit) info.rateLimit = result.rateLimit;
      run.rateLimiter.observe(`${adapter.provider}:${adapter.modelId}`, info);
    }
    const finishedAt = now();
    const durationMs = finishedAt - this.startedAt;
    run.report.modelCallFinished(task.summary, usage, costUsd, prepared.coordination, durationMs);
    if (events.observed) {
      events.deliver(
        {
          type: 'model-call-finished',
          taskId: task.id,
          callId: callIdOf(this.callNumber),
          provider: adapter.provider,
          modelId: adapter.modelId,
          usage,
          costUsd,
          finishReason: result.finishReason,
          durationMs,
          coordination: prepared.coordination,
        },
        finishedAt,
      );
    } else {
      events.skip();
    }
  }

  private fail(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.unlisten();
    try {
      this.reservation?.release();
      if (this.calling) this.callFailed(error);
    } catch (secondary) {
      this.reject(secondary);
      return;
    }
    if (this.recoverable)
      this.resolve(recover(this.run, this.task, this.adapter, this.prepared, this.callNumber, error));
    else this.reject(error);
  }

  private callFailed(error: unknown): void {
    const { run, task, adapter } = this;
    if (run.rateLimiter?.observe && RateLimitError.isInstance(error)) {
      const info: { retryAfterMs?: number } = {};
      if (error.retryAfterMs !== undefined) info.retryAfterMs = error.retryAfterMs;
      run.rateLimiter.observe(`${adapter.provider}:${adapter.modelId}`, info);
    }
    run.report.modelCallFailed(task.summary);
    if (run.events.observed) {
      run.events.deliver(
        {
          type: 'model-call-failed',
          taskId: task.id,
          callId: callIdOf(this.callNumber),
          error: summarizeError(error),
        },
        now(),
      );
    } else {
      run.events.skip();
    }
  }
}

/** Consumes a stream into a result, emitting `text-delta` events (rewritten by stream transforms). */
async function collectStream(
  run: RunContext,
  task: TaskState,
  adapter: ModelAdapter,
  request: ModelRequest,
  signal: AbortSignal,
  delivery: PreparedCall,
): Promise<ModelResult> {
  const context = policyContextOf(run, task);
  const transforms = run.policies.flatMap((p) => {
    const t = p.streamTransform?.(context);
    return t ? [t] : [];
  });
  const content: ModelContentPart[] = [];
  let text = '';
  let reasoning = '';
  let result: ModelResult | undefined;
  const emitDelta = (delta: string) => {
    let out = delta;
    for (const t of transforms) out = t.push(out);
    if (out) {
      delivery.delivered = true;
      run.events.emit({ type: 'text-delta', taskId: task.id, delta: out });
    }
  };
  for await (const part of adapter.stream(request, { signal })) {
    switch (part.type) {
      case 'text-delta':
        text += part.delta;
        emitDelta(part.delta);
        break;
      case 'reasoning-delta':
        reasoning += part.delta;
        break;
      case 'tool-call':
        content.push({
          type: 'tool-call',
          toolCallId: part.toolCallId,
          toolName: part.toolName,
          input: part.input,
        });
        break;
      case 'finish': {
        const { type: _type, ...rest } = part;
        result = { ...rest, content };
        break;
      }
      case 'error':
        throw part.error;
      default:
        break;
    }
  }
  let tail = '';
  for (const t of transforms) tail = t.push(tail) + t.flush();
  if (tail) run.events.emit({ type: 'text-delta', taskId: task.id, delta: tail });
  if (!result) {
    throw new ProviderUnavailableError(
      `${adapter.provider}:${adapter.modelId} stream ended without a finish part`,
    );
  }
  if (text) content.unshift({ type: 'text', text });
  if (reasoning) content.unshift({ type: 'reasoning', text: reasoning });
  return result;
}
