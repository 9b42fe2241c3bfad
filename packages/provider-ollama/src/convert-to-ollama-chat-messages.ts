import { InvalidRequestError, type Message } from '@baton/core/contracts';
import type { OllamaChatMessage } from './ollama-chat-api.js';

/**
 * Baton messages → `/api/chat` messages: text joined into `content`, images as base64 in
 * `images`, assistant tool calls with object `arguments`, and one `tool` message per result
 * carrying `tool_name` (and `tool_call_id`).
 */
export function convertToOllamaChatMessages(messages: Message[]): OllamaChatMessage[] {
  const out: OllamaChatMessage[] = [];
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        out.push({ role: 'system', content: message.content });
        break;
      case 'user': {
        let content = '';
        const images: string[] = [];
        for (const part of message.content) {
          if (part.type === 'text') content += part.text;
          else if (part.mediaType.startsWith('image/') && !/^https?:/.test(part.data)) {
            images.push(part.data.replace(/^data:[^;]+;base64,/, ''));
          } else {
            throw new InvalidRequestError(
              `ollama: unsupported user content ${part.mediaType} (inline images only)`,
            );
          }
        }
        out.push(images.length > 0 ? { role: 'user', content, images } : { role: 'user', content });
        break;
      }
      case 'assistant': {
        let content = '';
        const toolCalls: NonNullable<Extract<OllamaChatMessage, { role: 'assistant' }>['tool_calls']> = [];
        for (const part of message.content) {
          if (part.type === 'text') content += part.text;
          else if (part.type === 'tool-call') {
            toolCalls.push({
              id: part.toolCallId,
              function: { name: part.toolName, arguments: part.input ?? {} },
            });
          }
        }
        out.push(
          toolCalls.length > 0
            ? { role: 'assistant', content, tool_calls: toolCalls }
            : { role: 'assistant', content },
        );
        break;
      }
      case 'tool':
        for (const result of message.content) {
          out.push({
            role: 'tool',
            content:
              typeof result.output === 'string' ? result.output : JSON.stringify(result.output ?? null),
            tool_name: result.toolName,
            tool_call_id: result.toolCallId,
          });
        }
        break;
    }
  }
  return out;
}
