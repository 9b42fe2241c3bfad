import type { ModelContentPart, ModelRequest } from '@baton/core/contracts';
import { countTokens } from './text/count-tokens.js';

// Chat formats wrap each message in a few control tokens (OpenAI documents 3 per message
// plus 3 to prime the reply); tool definitions are sent as JSON.
const PER_MESSAGE = 3;
const PER_REPLY = 3;
const schemaCache = new WeakMap<object, number>();

/** Estimated input tokens of a request: every message's text, tool calls/results, and the tool definitions. */
export function countRequestTokens(request: ModelRequest): number {
  let tokens = PER_REPLY;
  for (const message of request.messages) {
    tokens += PER_MESSAGE;
    if (message.role === 'system') {
      tokens += countTokens(message.content);
      continue;
    }
    for (const part of message.content) {
      switch (part.type) {
        case 'text':
        case 'reasoning':
          tokens += countTokens(part.text);
          break;
        case 'tool-call':
          tokens += countTokens(part.toolName) + countJson(part.input);
          break;
        case 'tool-result':
          tokens += countJson(part.output);
          break;
        case 'file':
          // Images and documents are billed by size; a fixed estimate keeps the count stable.
          tokens += 85;
          break;
      }
    }
  }
  for (const tool of request.tools ?? []) {
    tokens += countTokens(tool.name) + countTokens(tool.description ?? '') + countSchema(tool.inputSchema);
  }
  return tokens;
}

/** Estimated output tokens of generated content. */
export function countOutputTokens(content: readonly ModelContentPart[]): number {
  let tokens = 0;
  for (const part of content) {
    if (part.type === 'tool-call') tokens += countTokens(part.toolName) + countJson(part.input) + PER_MESSAGE;
    else tokens += countTokens(part.text);
  }
  return tokens;
}

function countJson(value: unknown): number {
  if (typeof value === 'string') return countTokens(value);
  if (value === undefined) return 0;
  if (typeof value === 'object' && value !== null) return countSchema(value);
  return countTokens(String(value));
}

function countSchema(value: object): number {
  const hit = schemaCache.get(value);
  if (hit !== undefined) return hit;
  let tokens: number;
  try {
    tokens = countTokens(JSON.stringify(value) ?? '');
  } catch {
    tokens = 0;
  }
  schemaCache.set(value, tokens);
  return tokens;
}
