import { type FilePart, InvalidRequestError, type Message } from '@baton/core/contracts';
import type { BedrockCachePoint, BedrockContentBlock, BedrockMessage } from './bedrock-api.js';

/** What `convertToBedrockMessages` returns. */
export interface BedrockPrompt {
  system: ({ text: string } | BedrockCachePoint)[] | undefined;
  messages: BedrockMessage[];
}

const CACHE_POINT: BedrockCachePoint = { cachePoint: { type: 'default' } };

/**
 * Baton messages → Converse `system` + `messages`. Tool results become `toolResult` blocks
 * of a user message (`status: 'error'` for a failed tool; objects as `json`, everything else
 * as `text`); consecutive turns of one role merge, as Converse requires alternation.
 * `cachePoints` appends a `cachePoint` block after the system prompt and the last message.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Message.html
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ContentBlock.html
 */
export function convertToBedrockMessages(
  prompt: readonly Message[],
  options: { cachePoints?: boolean } = {},
): BedrockPrompt {
  const system: { text: string }[] = [];
  const messages: BedrockMessage[] = [];
  const turn = (role: 'user' | 'assistant'): BedrockContentBlock[] => {
    const last = messages[messages.length - 1];
    if (last?.role === role) return last.content;
    const content: BedrockContentBlock[] = [];
    messages.push({ role, content });
    return content;
  };

  for (const message of prompt) {
    switch (message.role) {
      case 'system':
        system.push({ text: message.content });
        break;
      case 'user': {
        const content = turn('user');
        for (const part of message.content) {
          content.push(part.type === 'text' ? { text: part.text } : convertFile(part));
        }
        break;
      }
      case 'tool': {
        const content = turn('user');
        for (const part of message.content) {
          const output = part.output;
          const isObject = typeof output === 'object' && output !== null && !Array.isArray(output);
          content.push({
            toolResult: {
              toolUseId: part.toolCallId,
              content: [
                typeof output === 'string'
                  ? { text: output }
                  : isObject
                    ? { json: output }
                    : { text: JSON.stringify(output ?? null) },
              ],
              status: part.isError ? 'error' : 'success',
            },
          });
        }
        break;
      }
      case 'assistant': {
        const content = turn('assistant');
        for (const part of message.content) {
          if (part.type === 'text') {
            // Converse rejects blank text blocks.
            if (part.text.trim() !== '') content.push({ text: part.text });
          } else if (part.type === 'reasoning') {
            if (part.signature) {
              content.push({
                reasoningContent: { reasoningText: { text: part.text, signature: part.signature } },
              });
            }
          } else {
            content.push({
              toolUse: { toolUseId: part.toolCallId, name: part.toolName, input: toolInput(part.input) },
            });
          }
        }
        break;
      }
    }
  }
  if (options.cachePoints) {
    if (system.length > 0) (system as ({ text: string } | BedrockCachePoint)[]).push(CACHE_POINT);
    messages[messages.length - 1]?.content.push(CACHE_POINT);
  }
  return { system: system.length > 0 ? system : undefined, messages };
}

function toolInput(input: unknown): unknown {
  if (typeof input !== 'string') return input ?? {};
  try {
    const parsed: unknown = JSON.parse(input);
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

const imageFormats: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};
const documentFormats: Record<string, string> = {
  'application/pdf': 'pdf',
  'text/csv': 'csv',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/html': 'html',
  'text/plain': 'txt',
  'text/markdown': 'md',
};

function convertFile(part: FilePart): BedrockContentBlock {
  if (part.data.startsWith('https:') || part.data.startsWith('http:')) {
    throw new InvalidRequestError('Bedrock Converse takes files as bytes only: pass base64 data, not a URL', {
      provider: 'bedrock',
    });
  }
  const bytes = part.data.startsWith('data:') ? part.data.slice(part.data.indexOf(',') + 1) : part.data;
  const image = imageFormats[part.mediaType];
  if (image) return { image: { format: image, source: { bytes } } };
  const document = documentFormats[part.mediaType];
  if (document) {
    // Document names allow only letters, digits, whitespace, hyphens, parentheses and brackets.
    const name =
      (part.filename ?? 'document').replace(/\.[^.]*$/, '').replace(/[^a-zA-Z0-9\s\-()[\]]/g, '-') ||
      'document';
    return { document: { format: document, name, source: { bytes } } };
  }
  throw new InvalidRequestError(`Bedrock Converse does not accept files of media type ${part.mediaType}`, {
    provider: 'bedrock',
  });
}
