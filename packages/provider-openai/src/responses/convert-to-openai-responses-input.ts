import { InvalidRequestError, type Message } from '@baton/core/contracts';
import { toolOutputText } from '../chat/convert-to-openai-chat-messages.js';
import type { OpenAIResponsesInputItem } from './openai-responses-api.js';

function dataUrl(mediaType: string, data: string): string {
  return /^(https?:|data:)/.test(data) ? data : `data:${mediaType};base64,${data}`;
}

/**
 * Baton messages → Responses `input` items: system/developer messages, user `input_text`
 * (and images/files), assistant `output_text`, each tool call as a `function_call` item and
 * each tool result as a `function_call_output` item. Reasoning parts are not replayed.
 */
export function convertToOpenAIResponsesInput(
  messages: Message[],
  options: { systemRole?: 'system' | 'developer' } = {},
): OpenAIResponsesInputItem[] {
  const out: OpenAIResponsesInputItem[] = [];
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        out.push({ role: options.systemRole ?? 'system', content: message.content });
        break;
      case 'user':
        out.push({
          role: 'user',
          content: message.content.map((part) => {
            if (part.type === 'text') return { type: 'input_text', text: part.text };
            if (part.mediaType.startsWith('image/')) {
              return { type: 'input_image', image_url: dataUrl(part.mediaType, part.data) };
            }
            if (part.mediaType === 'application/pdf') {
              return {
                type: 'input_file',
                filename: part.filename ?? 'document.pdf',
                file_data: dataUrl(part.mediaType, part.data),
              };
            }
            throw new InvalidRequestError(`openai: unsupported file media type ${part.mediaType}`);
          }),
        });
        break;
      case 'assistant': {
        let text = '';
        const flushText = () => {
          if (text !== '') out.push({ role: 'assistant', content: [{ type: 'output_text', text }] });
          text = '';
        };
        for (const part of message.content) {
          if (part.type === 'text') text += part.text;
          else if (part.type === 'tool-call') {
            flushText();
            out.push({
              type: 'function_call',
              call_id: part.toolCallId,
              name: part.toolName,
              arguments: typeof part.input === 'string' ? part.input : JSON.stringify(part.input ?? {}),
            });
          }
        }
        flushText();
        break;
      }
      case 'tool':
        for (const result of message.content) {
          out.push({
            type: 'function_call_output',
            call_id: result.toolCallId,
            output: toolOutputText(result.output),
          });
        }
        break;
    }
  }
  return out;
}
