import type {
  FinishReason,
  ModelContentPart,
  ModelRequest,
  ModelResult,
  ModelStreamPart,
  UnifiedFinishReason,
  Usage,
} from '@baton/core/contracts';

/** A tool call the mock model should make; `toolCallId` defaults to `call_<call>_<index>`. */
export interface MockToolCall {
  toolName: string;
  input?: unknown;
  toolCallId?: string;
}

/** A check on the request a step answers: return `false` or throw to fail the call loudly (any other result passes). */
export type RequestPredicate = (request: ModelRequest) => unknown;

/** A scripted answer. Every field is optional; an empty object answers with no content. */
export interface MockResponse {
  /** Text to answer with (streamed as word-sized deltas). */
  text?: string;
  /** Reasoning to answer with, before the text. */
  reasoning?: string;
  /** Tool calls to make, after the text. */
  toolCalls?: MockToolCall[];
  /** Exact content parts, instead of `text`/`reasoning`/`toolCalls`. */
  content?: ModelContentPart[];
  /** Default: `tool-calls` when there are tool calls, else `stop`. */
  finishReason?: UnifiedFinishReason | FinishReason;
  /** Overrides of the default usage (about 4 characters per token of request and answer). */
  usage?: Partial<Usage>;
  responseId?: string;
  providerMetadata?: Record<string, Record<string, unknown>>;
  /** Exact parts for `stream()` (the `finish` part is yours to include), instead of derived ones. */
  streamParts?: ModelStreamPart[];
  /** For `stream()`: after the content parts, emit this error as an `error` part instead of `finish`. */
  streamError?: unknown;
  /** Wait this long before answering (one timer; aborting the signal cancels it). */
  delayMs?: number;
  /** Check on the request; a mismatch fails the call and is reported by `assertDone()`. */
  expect?: RequestPredicate;
  /** A name for this step in failure messages. */
  label?: string;
}

/** A scripted failure: the call rejects with `error`. */
export interface MockFailure {
  error: unknown;
  delayMs?: number;
  expect?: RequestPredicate;
  label?: string;
}

/**
 * One scripted step: a text answer, a response, a failure (`{ error }` or an `Error`
 * instance to throw), or a function of the request (and the 1-based call number) that
 * returns one of those.
 */
export type MockStep =
  | string
  | MockResponse
  | MockFailure
  | Error
  | ((request: ModelRequest, call: number) => MockStep | Promise<MockStep>);

/** A step with the function resolved. */
export type ResolvedStep = MockResponse | MockFailure;

/** Normalizes a non-function step. */
export function resolveStep(step: Exclude<MockStep, (...args: never[]) => unknown>): ResolvedStep {
  if (typeof step === 'string') return { text: step };
  if (step instanceof Error) return { error: step };
  return step;
}

/** True for a failure step. */
export function isFailure(step: ResolvedStep): step is MockFailure {
  return 'error' in step;
}

/** Builds the `ModelResult` of a response step. */
export function toModelResult(
  response: MockResponse,
  request: ModelRequest,
  call: number,
  modelId: string,
): ModelResult {
  const content: ModelContentPart[] = response.content ? [...response.content] : [];
  if (!response.content) {
    if (response.reasoning !== undefined) content.push({ type: 'reasoning', text: response.reasoning });
    if (response.text !== undefined) content.push({ type: 'text', text: response.text });
    response.toolCalls?.forEach((toolCall, index) => {
      content.push({
        type: 'tool-call',
        toolCallId: toolCall.toolCallId ?? `call_${call}_${index}`,
        toolName: toolCall.toolName,
        input: toolCall.input ?? {},
      });
    });
  }
  const hasToolCalls = content.some((part) => part.type === 'tool-call');
  const finish = response.finishReason ?? (hasToolCalls ? 'tool-calls' : 'stop');
  const finishReason: FinishReason = typeof finish === 'string' ? { unified: finish, raw: finish } : finish;
  const usage: Usage = {
    inputTokens: estimateTokens(JSON.stringify(request.messages)),
    outputTokens: estimateTokens(content.map(partText).join('')),
    ...response.usage,
  };
  return {
    content,
    finishReason,
    usage,
    responseId: response.responseId ?? `mock-${call}`,
    modelId,
    ...(response.providerMetadata ? { providerMetadata: response.providerMetadata } : {}),
  };
}

/** The stream parts of a result: word-sized text and reasoning deltas, tool-call delta + call, finish. */
export function toStreamParts(result: ModelResult, streamError?: unknown): ModelStreamPart[] {
  const parts: ModelStreamPart[] = [];
  for (const part of result.content) {
    if (part.type === 'text') for (const delta of words(part.text)) parts.push({ type: 'text-delta', delta });
    else if (part.type === 'reasoning') {
      for (const delta of words(part.text)) parts.push({ type: 'reasoning-delta', delta });
    } else {
      parts.push({
        type: 'tool-call-delta',
        toolCallId: part.toolCallId,
        toolName: part.toolName,
        argumentsDelta: typeof part.input === 'string' ? part.input : JSON.stringify(part.input),
      });
      parts.push({ ...part });
    }
  }
  if (streamError !== undefined) parts.push({ type: 'error', error: streamError });
  else {
    parts.push({
      type: 'finish',
      finishReason: result.finishReason,
      usage: result.usage,
      ...(result.responseId ? { responseId: result.responseId } : {}),
      ...(result.modelId ? { modelId: result.modelId } : {}),
      ...(result.providerMetadata ? { providerMetadata: result.providerMetadata } : {}),
    });
  }
  return parts;
}

function words(text: string): string[] {
  return text.match(/\s*\S+|\s+/g) ?? [];
}

function partText(part: ModelContentPart): string {
  return part.type === 'tool-call' ? part.toolName + JSON.stringify(part.input ?? null) : part.text;
}

function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
