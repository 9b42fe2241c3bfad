import { type FilePart, InvalidRequestError, type Message } from '@baton/core/contracts';
import type {
  AnthropicAssistantContentBlock,
  AnthropicCacheControl,
  AnthropicDocumentBlock,
  AnthropicImageBlock,
  AnthropicMessage,
  AnthropicTextBlock,
  AnthropicUserContentBlock,
} from './anthropic-messages-api.js';

/** What `convertToAnthropicMessages` returns: the top-level `system` and the alternating `messages`. */
export interface AnthropicPrompt {
  system: string | AnthropicTextBlock[] | undefined;
  messages: AnthropicMessage[];
}

/** Where to put `cache_control` breakpoints. */
export interface AnthropicMessageCacheOptions {
  /** Marks the last system block. */
  system?: AnthropicCacheControl | undefined;
  /** Marks the last content block of the last message. */
  messages?: AnthropicCacheControl | undefined;
}

/**
 * Baton messages → Anthropic's `system` + `messages`. System messages move to the top-level
 * `system` field; tool results become `tool_result` blocks of a user message; consecutive
 * user/tool messages merge into one user turn and consecutive assistant messages into one
 * assistant turn, because the API requires alternating roles.
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use#handling-tool-use-and-tool-result-content-blocks
 */
export function convertToAnthropicMessages(
  prompt: readonly Message[],
  cache: AnthropicMessageCacheOptions = {},
): AnthropicPrompt {
  const systemTexts: string[] = [];
  const messages: AnthropicMessage[] = [];

  for (const message of prompt) {
    switch (message.role) {
      case 'system':
        systemTexts.push(message.content);
        break;
      case 'user': {
        const blocks = userTurn(messages);
        for (const part of message.content) {
          if (part.type === 'text') blocks.push({ type: 'text', text: part.text });
          else blocks.push(convertFile(part));
        }
        break;
      }
      case 'tool': {
        const blocks = userTurn(messages);
        for (const part of message.content) {
          blocks.push({
            type: 'tool_result',
            tool_use_id: part.toolCallId,
            content: typeof part.output === 'string' ? part.output : JSON.stringify(part.output ?? null),
            ...(part.isError ? { is_error: true } : {}),
          });
        }
        break;
      }
      case 'assistant': {
        const last = messages[messages.length - 1];
        const blocks: AnthropicAssistantContentBlock[] =
          last?.role === 'assistant' ? last.content : pushTurn(messages, { role: 'assistant', content: [] });
        for (const part of message.content) {
          if (part.type === 'text') {
            // The API rejects empty text blocks.
            if (part.text !== '') blocks.push({ type: 'text', text: part.text });
          } else if (part.type === 'reasoning') {
            // Thinking can only be replayed with its signature; unsigned reasoning is dropped.
            // Reasoning without text but with a payload is redacted thinking.
            if (part.signature && part.text === '')
              blocks.push({ type: 'redacted_thinking', data: part.signature });
            else if (part.signature)
              blocks.push({ type: 'thinking', thinking: part.text, signature: part.signature });
          } else {
            blocks.push({
              type: 'tool_use',
              id: part.toolCallId,
              name: part.toolName,
              input: toolInput(part.input),
            });
          }
        }
        break;
      }
    }
  }

  let system: AnthropicPrompt['system'];
  if (systemTexts.length === 1 && !cache.system) system = systemTexts[0];
  else if (systemTexts.length > 0) {
    const blocks: AnthropicTextBlock[] = systemTexts.map((text) => ({ type: 'text', text }));
    if (cache.system) blocks[blocks.length - 1]!.cache_control = cache.system;
    system = blocks;
  }

  if (cache.messages) {
    const last = messages[messages.length - 1];
    const block = last?.content[last.content.length - 1];
    if (block && block.type !== 'thinking' && block.type !== 'redacted_thinking')
      block.cache_control = cache.messages;
  }

  return { system, messages };
}

function pushTurn<T extends AnthropicMessage>(messages: AnthropicMessage[], turn: T): T['content'] {
  messages.push(turn);
  return turn.content;
}

function userTurn(messages: AnthropicMessage[]): AnthropicUserContentBlock[] {
  const last = messages[messages.length - 1];
  if (last?.role === 'user') return last.content;
  return pushTurn(messages, { role: 'user', content: [] });
}

function toolInput(input: unknown): unknown {
  if (typeof input !== 'string') return input ?? {};
  // A raw string means the model sent unparseable arguments; the API needs an object.
  try {
    const parsed: unknown = JSON.parse(input);
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

function convertFile(part: FilePart): AnthropicImageBlock | AnthropicDocumentBlock {
  const { mediaType } = part;
  const isUrl = part.data.startsWith('https:') || part.data.startsWith('http:');
  const base64 = part.data.startsWith('data:') ? part.data.slice(part.data.indexOf(',') + 1) : part.data;
  if (mediaType.startsWith('image/')) {
    return {
      type: 'image',
      source: isUrl
        ? { type: 'url', url: part.data }
        : { type: 'base64', media_type: mediaType, data: base64 },
    };
  }
  if (mediaType === 'application/pdf') {
    return {
      type: 'document',
      source: isUrl
        ? { type: 'url', url: part.data }
        : { type: 'base64', media_type: mediaType, data: base64 },
      ...(part.filename ? { title: part.filename } : {}),
    };
  }
  if (mediaType === 'text/plain' && !isUrl) {
    return {
      type: 'document',
      source: {
        type: 'text',
        media_type: 'text/plain',
        data: Buffer.from(base64, 'base64').toString('utf8'),
      },
      ...(part.filename ? { title: part.filename } : {}),
    };
  }
  throw new InvalidRequestError(
    `Anthropic does not accept files of media type ${mediaType}: send images, application/pdf or text/plain`,
    { provider: 'anthropic' },
  );
}
