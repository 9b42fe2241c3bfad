import {
  BatonError,
  CancelledError,
  type FinishReason,
  type ModelStreamPart,
  ProviderUnavailableError,
  type RateLimitInfo,
} from '@baton/core/contracts';
import { type HttpResponse, parseSse, safeParseJson } from '@baton/provider-utils';
import { anthropicErrorFromStreamEvent } from './anthropic-error.js';
import { AnthropicStreamEventSchemas, type AnthropicUsage } from './anthropic-messages-api.js';
import { ANTHROPIC_JSON_TOOL_NAME } from './anthropic-messages-options.js';
import { anthropicProviderMetadata } from './anthropic-provider-metadata.js';
import { convertAnthropicUsage } from './convert-anthropic-usage.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';
import { parseAnthropicRateLimit } from './parse-anthropic-rate-limit.js';

/**
 * A Messages API event stream (a 2xx response to `stream: true`) → Baton stream parts: text
 * and thinking deltas, tool-call argument fragments then the assembled call, and one
 * `finish` at `message_stop`. An in-stream `error` event, a malformed event, a cut
 * connection or a stream that ends before `message_stop` end it with an `error` part; the
 * caller's abort is thrown as `CancelledError`. `jsonTool`: the forced `json` tool's
 * arguments are the answer, streamed as text.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
export async function* decodeAnthropicStream(
  response: HttpResponse,
  options: { jsonTool: boolean; signal?: AbortSignal | undefined },
): AsyncGenerator<ModelStreamPart> {
  const call = { jsonTool: options.jsonTool };
  const headers = response.headers;

  let responseId: string | undefined;
  let modelId: string | undefined;
  let usage: AnthropicUsage = {};
  let stopReason: string | null | undefined;
  let stopSequence: string | null | undefined;
  // Open content blocks by index: tool calls accumulate their JSON text.
  const blocks = new Map<
    number,
    { kind: 'text' | 'thinking' | 'tool' | 'other'; id?: string; name?: string; json?: string }
  >();

  const malformed = (data: string): ModelStreamPart => ({
    type: 'error',
    error: new ProviderUnavailableError(`anthropic: malformed stream event: ${data.slice(0, 200)}`, {
      provider: 'anthropic',
      status: response.status,
      headers,
      body: data,
    }),
  });
  const S = AnthropicStreamEventSchemas;

  try {
    for await (const sse of parseSse(response.body)) {
      const json = safeParseJson(sse.data);
      const value = json.success ? json.value : undefined;
      const type =
        typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
      if (typeof type !== 'string') {
        yield malformed(sse.data);
        return;
      }
      switch (type) {
        case 'message_start': {
          const event = S.message_start.safeParse(value);
          if (!event.success) return yield malformed(sse.data);
          const message = event.data.message;
          responseId = message.id ?? undefined;
          modelId = message.model ?? undefined;
          if (message.usage) usage = { ...message.usage };
          break;
        }
        case 'content_block_start': {
          const event = S.content_block_start.safeParse(value);
          if (!event.success) return yield malformed(sse.data);
          const { index } = event.data;
          const block = event.data.content_block as {
            type: string;
            id?: string;
            name?: string;
            text?: string;
            thinking?: string;
            data?: string;
          };
          if (block.type === 'text') {
            blocks.set(index, { kind: 'text' });
            if (block.text) yield { type: 'text-delta', delta: block.text };
          } else if (block.type === 'thinking') {
            blocks.set(index, { kind: 'thinking' });
            if (block.thinking) yield { type: 'reasoning-delta', delta: block.thinking };
          } else if (block.type === 'tool_use') {
            blocks.set(index, { kind: 'tool', id: block.id ?? '', name: block.name ?? '', json: '' });
          } else if (block.type === 'redacted_thinking' && block.data) {
            blocks.set(index, { kind: 'other' });
            yield { type: 'reasoning-delta', delta: '', signature: block.data };
          } else {
            blocks.set(index, { kind: 'other' });
          }
          break;
        }
        case 'content_block_delta': {
          const event = S.content_block_delta.safeParse(value);
          if (!event.success) return yield malformed(sse.data);
          const { index } = event.data;
          const delta = event.data.delta as {
            type: string;
            text?: string;
            partial_json?: string;
            thinking?: string;
            signature?: string;
          };
          const block = blocks.get(index);
          if (delta.type === 'text_delta' && delta.text) {
            yield { type: 'text-delta', delta: delta.text };
          } else if (delta.type === 'thinking_delta' && delta.thinking) {
            yield { type: 'reasoning-delta', delta: delta.thinking };
          } else if (delta.type === 'signature_delta' && delta.signature) {
            yield { type: 'reasoning-delta', delta: '', signature: delta.signature };
          } else if (delta.type === 'input_json_delta' && block?.kind === 'tool' && delta.partial_json) {
            block.json += delta.partial_json;
            if (call.jsonTool && block.name === ANTHROPIC_JSON_TOOL_NAME) {
              yield { type: 'text-delta', delta: delta.partial_json };
            } else {
              yield {
                type: 'tool-call-delta',
                toolCallId: block.id!,
                toolName: block.name!,
                argumentsDelta: delta.partial_json,
              };
            }
          }
          break;
        }
        case 'content_block_stop': {
          const event = S.content_block_stop.safeParse(value);
          if (!event.success) return yield malformed(sse.data);
          const block = blocks.get(event.data.index);
          blocks.delete(event.data.index);
          if (block?.kind === 'tool' && !(call.jsonTool && block.name === ANTHROPIC_JSON_TOOL_NAME)) {
            yield {
              type: 'tool-call',
              toolCallId: block.id!,
              toolName: block.name!,
              input: parseToolInput(block.json),
            };
          }
          break;
        }
        case 'message_delta': {
          const event = S.message_delta.safeParse(value);
          if (!event.success) return yield malformed(sse.data);
          stopReason = event.data.delta.stop_reason ?? stopReason;
          stopSequence = event.data.delta.stop_sequence ?? stopSequence;
          // message_delta usage is cumulative: take every counter it carries.
          const counters = event.data.usage as Record<string, unknown> | null | undefined;
          if (counters) {
            for (const key in counters) {
              if (counters[key] != null) (usage as Record<string, unknown>)[key] = counters[key];
            }
          }
          break;
        }
        case 'message_stop':
          yield finishPart(stopReason, call.jsonTool, usage, responseId, modelId, headers, stopSequence);
          return;
        case 'error': {
          const event = S.error.safeParse(value);
          if (!event.success) return yield malformed(sse.data);
          yield { type: 'error', error: anthropicErrorFromStreamEvent(event.data, headers) };
          return;
        }
        default:
          break; // ping and event types added later
      }
    }
  } catch (error) {
    if (CancelledError.isInstance(error) || options.signal?.aborted) throw error;
    yield {
      type: 'error',
      error: BatonError.isInstance(error)
        ? error
        : new ProviderUnavailableError(`anthropic: stream failed: ${String(error)}`, {
            provider: 'anthropic',
            cause: error,
          }),
    };
    return;
  }
  yield {
    type: 'error',
    error: new ProviderUnavailableError('anthropic: stream ended before message_stop (connection cut)', {
      provider: 'anthropic',
      status: response.status,
      headers,
    }),
  };
}

/** Streamed tool arguments → the input: `{}` when empty (a call without arguments), the raw text when unparseable. */
function parseToolInput(text: string | undefined): unknown {
  if (!text) return {};
  const parsed = safeParseJson(text);
  return parsed.success ? parsed.value : text;
}

function finishPart(
  stopReason: string | null | undefined,
  jsonTool: boolean,
  usage: AnthropicUsage,
  responseId: string | undefined,
  modelId: string | undefined,
  headers: Record<string, string>,
  stopSequence: string | null | undefined,
): ModelStreamPart {
  const finishReason: FinishReason = mapAnthropicStopReason(stopReason, jsonTool);
  const part: ModelStreamPart & { type: 'finish' } = {
    type: 'finish',
    finishReason,
    usage: convertAnthropicUsage(usage),
    providerMetadata: { anthropic: anthropicProviderMetadata(headers, stopSequence, usage) },
  };
  if (responseId) part.responseId = responseId;
  if (modelId) part.modelId = modelId;
  const rateLimit: RateLimitInfo | undefined = parseAnthropicRateLimit(headers);
  if (rateLimit) part.rateLimit = rateLimit;
  return part;
}
