import { InvalidRequestError, type Message } from '@baton/core/contracts';
import type { OpenAIChatMessage, OpenAIChatUserContentPart } from './openai-chat-api.js';

/** A tool output as the text OpenAI expects: strings as is, anything else as JSON. */
export function toolOutputText(output: unknown): string {
  return typeof output === 'string' ? output : JSON.stringify(output ?? null);
}

function dataUrl(mediaType: string, data: string): string {
  return /^(https?:|data:)/.test(data) ? data : `data:${mediaType};base64,${data}`;
}

/**
 * Baton messages → Chat Completions `messages`: system as `system` (or `developer`), user
 * text as a string (parts when there are files), assistant text plus `tool_calls` with JSON
 * `arguments`, and one `tool` message per tool result. Reasoning parts are not sent back.
 */
export function convertToOpenAIChatMessages(
  messages: Message[],
  options: { systemRole?: 'system' | 'developer' } = {},
): OpenAIChatMessage[] {
  const out: OpenAIChatMessage[] = [];
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        out.push({ role: options.systemRole ?? 'system', content: message.content });
        break;
      case 'user': {
        if (message.content.length === 1 && message.content[0]?.type === 'text') {
          out.push({ role: 'user', content: message.content[0].text });
          break;
        }
        const parts: OpenAIChatUserContentPart[] = message.content.map((part) => {
          if (part.type === 'text') return { type: 'text', text: part.text };
          if (part.mediaType.startsWith('image/')) {
            return { type: 'image_url', image_url: { url: dataUrl(part.mediaType, part.data) } };
          }
          if (part.mediaType === 'application/pdf') {
            return {
              type: 'file',
              file: {
                filename: part.filename ?? 'document.pdf',
                file_data: dataUrl(part.mediaType, part.data),
              },
            };
          }
          throw new InvalidRequestError(`openai: unsupported file media type ${part.mediaType}`);
        });
        out.push({ role: 'user', content: parts });
        break;
      }
      case 'assistant': {
        let text = '';
        const toolCalls: NonNullable<Extract<OpenAIChatMessage, { role: 'assistant' }>['tool_calls']> = [];
        for (const part of message.content) {
          if (part.type === 'text') text += part.text;
          else if (part.type === 'tool-call') {
            toolCalls.push({
              id: part.toolCallId,
              type: 'function',
              function: {
                name: part.toolName,
                arguments: typeof part.input === 'string' ? part.input : JSON.stringify(part.input ?? {}),
              },
            });
          }
        }
        out.push({
          role: 'assistant',
          content: text === '' && toolCalls.length > 0 ? null : text,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        });
        break;
      }
      case 'tool':
        for (const result of message.content) {
          out.push({ role: 'tool', tool_call_id: result.toolCallId, content: toolOutputText(result.output) });
        }
        break;
    }
  }
  return out;
}
