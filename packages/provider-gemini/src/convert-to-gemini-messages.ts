import { type FilePart, InvalidRequestError, type Message } from '@baton/core/contracts';
import type { GeminiContent, GeminiPart } from './gemini-api.js';

/**
 * Prefix of function-call ids Baton generates when the API sent none; such ids are never
 * sent back to Gemini as if Gemini had issued them.
 */
export const GEMINI_GENERATED_ID_PREFIX = 'baton_call_';

function apiId(toolCallId: string): { id: string } | Record<string, never> {
  return toolCallId.startsWith(GEMINI_GENERATED_ID_PREFIX) || toolCallId === '' ? {} : { id: toolCallId };
}

/** What `convertToGeminiMessages` returns. */
export interface GeminiPrompt {
  systemInstruction: { parts: { text: string }[] } | undefined;
  contents: GeminiContent[];
}

/**
 * Baton messages → Gemini `systemInstruction` + `contents`. Function-call ids the API issued
 * are echoed in `functionCall.id` / `functionResponse.id`; ids Baton generated are not. The assistant is role `model`;
 * tool results become `functionResponse` parts of a `user` turn (`response: { output }`, or
 * `{ error }` for a failed tool, as the API documents); consecutive turns of one role merge.
 * A reasoning part with a signature carries a Gemini `thoughtSignature`: thought text is
 * sent back as a `thought` part, an empty one attaches its signature to the next part (the
 * function call it belongs to), which Gemini 3 requires in multi-turn tool use.
 * @see https://ai.google.dev/api/caching#Content
 * @see https://ai.google.dev/gemini-api/docs/function-calling
 * @see https://ai.google.dev/gemini-api/docs/thought-signatures
 */
export function convertToGeminiMessages(prompt: readonly Message[]): GeminiPrompt {
  const system: { text: string }[] = [];
  const contents: GeminiContent[] = [];

  const turn = (role: 'user' | 'model'): GeminiPart[] => {
    const last = contents[contents.length - 1];
    if (last?.role === role) return last.parts;
    const parts: GeminiPart[] = [];
    contents.push({ role, parts });
    return parts;
  };

  for (const message of prompt) {
    switch (message.role) {
      case 'system':
        system.push({ text: message.content });
        break;
      case 'user': {
        const parts = turn('user');
        for (const part of message.content) {
          parts.push(part.type === 'text' ? { text: part.text } : convertFile(part));
        }
        break;
      }
      case 'tool': {
        const parts = turn('user');
        for (const part of message.content) {
          parts.push({
            functionResponse: {
              ...apiId(part.toolCallId),
              name: part.toolName,
              response: part.isError ? { error: part.output ?? null } : { output: part.output ?? null },
            },
          });
        }
        break;
      }
      case 'assistant': {
        const parts = turn('model');
        let pendingSignature: string | undefined;
        for (const part of message.content) {
          if (part.type === 'reasoning') {
            if (part.text === '') pendingSignature = part.signature;
            else
              parts.push({
                text: part.text,
                thought: true,
                ...(part.signature ? { thoughtSignature: part.signature } : {}),
              });
            continue;
          }
          const signature = pendingSignature ? { thoughtSignature: pendingSignature } : {};
          pendingSignature = undefined;
          if (part.type === 'text') {
            if (part.text !== '' || signature.thoughtSignature) parts.push({ text: part.text, ...signature });
          } else {
            parts.push({
              functionCall: { ...apiId(part.toolCallId), name: part.toolName, args: toolArgs(part.input) },
              ...signature,
            });
          }
        }
        break;
      }
    }
  }
  return { systemInstruction: system.length > 0 ? { parts: system } : undefined, contents };
}

function toolArgs(input: unknown): unknown {
  if (typeof input !== 'string') return input ?? {};
  try {
    const parsed: unknown = JSON.parse(input);
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

function convertFile(part: FilePart): GeminiPart {
  if (part.data.startsWith('https:') || part.data.startsWith('http:') || part.data.startsWith('gs:')) {
    return { fileData: { mimeType: part.mediaType, fileUri: part.data } };
  }
  if (part.data.startsWith('data:')) {
    const comma = part.data.indexOf(',');
    if (comma === -1)
      throw new InvalidRequestError('malformed data: URL in a file part', { provider: 'gemini' });
    return { inlineData: { mimeType: part.mediaType, data: part.data.slice(comma + 1) } };
  }
  return { inlineData: { mimeType: part.mediaType, data: part.data } };
}
