/** Token counts a scenario reports; servers render them in their provider's usage shape. */
export interface WireUsage {
  /** All input tokens, cached included. */
  inputTokens: number;
  /** All output tokens, reasoning included. */
  outputTokens: number;
  /** Input tokens served from the prompt cache. */
  cachedInputTokens?: number;
  /** Input tokens written to the prompt cache (providers that report it). */
  cacheWriteInputTokens?: number;
  /** Output tokens spent on reasoning. */
  reasoningTokens?: number;
}

/** One tool call a scenario makes the model emit. */
export interface WireToolCall {
  /** Call id; servers invent one in their provider's format when absent. */
  id?: string;
  /** Tool name. */
  name: string;
  /** Arguments: an object (serialized as JSON) or raw text (to script malformed JSON). */
  arguments: Record<string, unknown> | string;
}

/** Streaming knobs shared by the answer scenarios. */
export interface WireStreamOptions {
  /** Delay between streamed chunks (default 0: one write per chunk, no timer). */
  chunkDelayMs?: number;
  /** How text is split into deltas (default: word by word, whitespace kept). */
  textChunks?: string[];
  /** Tool-call argument fragment size in characters (default 8). */
  argumentsChunkSize?: number;
}

/** A provider-neutral answer or fault. Each provider's wire server renders it in its own format. */
export type WireScenario =
  | ({
      type: 'text';
      text: string;
      /** Neutral finish reason (default `stop`). */
      finishReason?: 'stop' | 'length' | 'content-filter';
      usage?: WireUsage;
      /** Reasoning summary text to emit before the answer, where the provider supports it. */
      reasoning?: string;
    } & WireStreamOptions)
  | ({
      type: 'tool-calls';
      toolCalls: WireToolCall[];
      /** Text emitted before the calls. */
      text?: string;
      usage?: WireUsage;
    } & WireStreamOptions)
  | {
      type: 'error';
      /** HTTP status. */
      status: number;
      /** The provider's error message. */
      message?: string;
      /** The provider's error type, e.g. `invalid_request_error`. */
      errorType?: string;
      /** The provider's error code. */
      code?: string;
      /** Replaces the rendered error body entirely (object → JSON, string → text). */
      body?: unknown;
      headers?: Record<string, string>;
    }
  | {
      type: 'rate-limit';
      /** `retry-after` seconds header. */
      retryAfterSeconds?: number;
      /** `retry-after-ms` header, for providers that send it. */
      retryAfterMs?: number;
      message?: string;
      /** Status to use (429 by default; Anthropic also uses 529 for overload). */
      status?: number;
    }
  | { type: 'server-error'; status?: number; message?: string; headers?: Record<string, string> }
  | {
      type: 'cut-stream';
      /** Text the stream was producing. */
      text: string;
      /** How many chunks are delivered before the socket is destroyed (default 2). */
      afterChunks?: number;
      chunkDelayMs?: number;
    }
  | {
      type: 'malformed-event';
      /** Text delivered before the malformed event. */
      text?: string;
      /** The broken payload (default `{"truncated": `). */
      payload?: string;
    }
  | {
      type: 'slow';
      /** Delay before the status line and headers are sent. */
      firstByteDelayMs: number;
      then: WireScenario;
    };

/** A text answer, streamed word by word when the client asks for a stream. */
export function textScenario(
  text: string,
  options: Omit<Extract<WireScenario, { type: 'text' }>, 'type' | 'text'> = {},
): WireScenario {
  return { type: 'text', text, ...options };
}

/** One or more (parallel) tool calls; their arguments stream in fragments. */
export function toolCallsScenario(
  toolCalls: WireToolCall[],
  options: Omit<Extract<WireScenario, { type: 'tool-calls' }>, 'type' | 'toolCalls'> = {},
): WireScenario {
  return { type: 'tool-calls', toolCalls, ...options };
}

/** An error response in the provider's documented error body shape. */
export function errorScenario(
  status: number,
  options: Omit<Extract<WireScenario, { type: 'error' }>, 'type' | 'status'> = {},
): WireScenario {
  return { type: 'error', status, ...options };
}

/** HTTP 429 with `retry-after` (and `retry-after-ms` when given). */
export function rateLimitScenario(
  options: Omit<Extract<WireScenario, { type: 'rate-limit' }>, 'type'> = {},
): WireScenario {
  return { type: 'rate-limit', retryAfterSeconds: 1, ...options };
}

/** A 5xx (500 by default) in the provider's error shape. */
export function serverErrorScenario(status = 500, message?: string): WireScenario {
  return message === undefined ? { type: 'server-error', status } : { type: 'server-error', status, message };
}

/** A stream whose connection is destroyed after `afterChunks` chunks (a whole body cut short when not streaming). */
export function cutStreamScenario(text: string, afterChunks = 2): WireScenario {
  return { type: 'cut-stream', text, afterChunks };
}

/** A stream carrying an event whose payload is not valid JSON (an invalid JSON body when not streaming). */
export function malformedEventScenario(options: { text?: string; payload?: string } = {}): WireScenario {
  return { type: 'malformed-event', ...options };
}

/** Delays the response's first byte, then answers with `then`. */
export function slowScenario(firstByteDelayMs: number, then: WireScenario): WireScenario {
  return { type: 'slow', firstByteDelayMs, then };
}

/** Splits text into word-sized deltas, keeping whitespace, so joined deltas equal the text. */
export function splitText(text: string): string[] {
  const parts = text.match(/\s*\S+\s*/g);
  return parts && parts.length > 0 ? parts : [text];
}

/** Splits a string into fragments of `size` characters. */
export function splitFragments(text: string, size = 8): string[] {
  if (text.length === 0) return [''];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** A tool call's arguments as JSON text. */
export function argumentsText(call: WireToolCall): string {
  return typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
}

/** Usage for a scenario: its own, or a small deterministic default. */
export function scenarioUsage(scenario: { usage?: WireUsage; text?: string }): WireUsage {
  if (scenario.usage) return scenario.usage;
  return { inputTokens: 12, outputTokens: Math.max(1, Math.ceil((scenario.text ?? '').length / 4)) };
}
