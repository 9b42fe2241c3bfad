import type { ModelContentPart, ModelRequest, UnifiedFinishReason } from '@baton/core/contracts';
import { analyzeRequest, type Intent, truncateToTokens } from './analyze-request.js';
import { fillResponseSchema } from './fill-response-schema.js';
import { planToolCalls } from './plan-tool-calls.js';
import { splitRequest } from './split-request.js';

/** The engine's answer to one request, before usage and metadata are added. */
export interface EngineResponse {
  content: ModelContentPart[];
  finishReason: UnifiedFinishReason;
  intent: Intent | 'tool-call';
}

/**
 * The deterministic engine: the same request always gives the same response. Calls an
 * offered tool when the request asks for what it provides (and it has not answered yet);
 * otherwise classifies, answers from context, summarizes, or explains what it can do, and
 * shapes the answer as JSON when `responseFormat` asks for it.
 */
export function generateResponse(request: ModelRequest): EngineResponse {
  const tools = request.tools ?? [];
  if (tools.length > 0 && request.toolChoice !== 'none') {
    const called = new Set<string>();
    const messages = request.messages;
    let lastUser = -1;
    for (let i = messages.length - 1; i >= 0; i--) {
      if (messages[i]!.role === 'user') {
        lastUser = i;
        break;
      }
    }
    for (let i = lastUser + 1; i < messages.length; i++) {
      const message = messages[i]!;
      if (message.role === 'assistant')
        for (const part of message.content) if (part.type === 'tool-call') called.add(part.toolName);
    }
    const userMessage = messages[lastUser];
    const text =
      userMessage?.role === 'user'
        ? userMessage.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n')
        : (messages.find((message) => message.role === 'system')?.content ?? '');
    // Tools are chosen by what the request asks, not by words in the material it carries.
    const split = splitRequest(text);
    const asked = split.content ? split.instruction : text;
    const forced = typeof request.toolChoice === 'object' || request.toolChoice === 'required';
    const planned = planToolCalls(
      asked,
      tools,
      forced && called.size > 0 ? 'auto' : request.toolChoice,
      called,
    );
    if (planned.length > 0) {
      const base = `call_${hash(text).toString(36)}_${messages.length}`;
      return {
        content: planned.map((call, index) => ({
          type: 'tool-call',
          toolCallId: `${base}_${index}`,
          toolName: call.toolName,
          input: call.input,
        })),
        finishReason: 'tool-calls',
        intent: 'tool-call',
      };
    }
  }
  const maxTokens = request.maxOutputTokens;
  const analysis = analyzeRequest(request, maxTokens);
  let text = analysis.text;
  let finishReason: UnifiedFinishReason = analysis.truncated ? 'length' : 'stop';
  if (request.responseFormat?.type === 'json') {
    const value = request.responseFormat.schema
      ? fillResponseSchema(request.responseFormat.schema, analysis)
      : defaultJson(analysis.intent, analysis);
    // JSON is never cut: a truncated object fails validation, which is worse than a long answer.
    text = JSON.stringify(value);
    finishReason = 'stop';
  } else {
    const stopped = applyStopSequences(text, request.stopSequences);
    if (stopped !== text) {
      text = stopped;
      finishReason = 'stop';
    }
    if (maxTokens !== undefined && finishReason !== 'length') {
      const cut = truncateToTokens(text, maxTokens);
      if (cut !== text) {
        text = cut;
        finishReason = 'length';
      }
    }
  }
  return { content: text ? [{ type: 'text', text }] : [], finishReason, intent: analysis.intent };
}

function defaultJson(intent: Intent, analysis: ReturnType<typeof analyzeRequest>): Record<string, unknown> {
  switch (intent) {
    case 'classify':
      return { label: analysis.text, confidence: analysis.classification?.confidence ?? 0 };
    case 'answer':
      return {
        answer: analysis.text,
        sources: [...new Set(analysis.retrieved.map((entry) => entry.sentence.source).filter(Boolean))],
      };
    case 'calculate':
      return { expression: analysis.text.split(' = ')[0], result: analysis.value };
    case 'chat':
      return { text: analysis.text };
    default:
      return { summary: analysis.text, keywords: analysis.keywords() };
  }
}

function applyStopSequences(text: string, stops: readonly string[] | undefined): string {
  if (!stops || stops.length === 0) return text;
  let end = text.length;
  for (const stop of stops) {
    if (!stop) continue;
    const at = text.indexOf(stop);
    if (at >= 0 && at < end) end = at;
  }
  return text.slice(0, end);
}

/** FNV-1a over the string: a cheap deterministic fingerprint for ids. */
export function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    value ^= text.charCodeAt(i);
    value = Math.imul(value, 0x01000193);
  }
  return value >>> 0;
}
