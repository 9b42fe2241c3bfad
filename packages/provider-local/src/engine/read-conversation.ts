import type { ModelRequest, ToolCallPart, ToolResultPart } from '@baton/core/contracts';

/** The parts of a conversation the engine reasons about. */
export interface Conversation {
  /** All system messages, joined. */
  system: string;
  /** Text of the last user message (the request being answered). */
  request: string;
  /** Text of the messages before the last user message (earlier context), in order. */
  history: string[];
  /** Tool calls the model already made after the last user message. */
  toolCalls: ToolCallPart[];
  /** Tool results received after the last user message. */
  toolResults: ToolResultPart[];
}

/** Reads a request's messages into the engine's view of the conversation. */
export function readConversation(request: ModelRequest): Conversation {
  const messages = request.messages;
  let lastUser = -1;
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]!.role === 'user') {
      lastUser = i;
      break;
    }
  }
  const conversation: Conversation = { system: '', request: '', history: [], toolCalls: [], toolResults: [] };
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i]!;
    if (message.role === 'system') {
      conversation.system = conversation.system
        ? `${conversation.system}\n\n${message.content}`
        : message.content;
      continue;
    }
    if (i === lastUser && message.role === 'user') {
      conversation.request = textOf(message.content);
      continue;
    }
    if (i > lastUser) {
      if (message.role === 'assistant') {
        for (const part of message.content) if (part.type === 'tool-call') conversation.toolCalls.push(part);
      } else if (message.role === 'tool') {
        conversation.toolResults.push(...message.content);
      }
      continue;
    }
    if (message.role === 'tool') {
      for (const part of message.content) conversation.history.push(stringifyOutput(part.output));
    } else {
      const text = textOf(message.content);
      if (text) conversation.history.push(text);
    }
  }
  return conversation;
}

function textOf(content: ReadonlyArray<{ type: string; text?: string }>): string {
  let text = '';
  for (const part of content) {
    if (part.type === 'text' && part.text) text = text ? `${text}\n\n${part.text}` : part.text;
  }
  return text;
}

/** A tool output as text: strings as they are, anything else as JSON. */
export function stringifyOutput(output: unknown): string {
  if (typeof output === 'string') return output;
  if (output === undefined) return '';
  try {
    return JSON.stringify(output) ?? String(output);
  } catch {
    return String(output);
  }
}
