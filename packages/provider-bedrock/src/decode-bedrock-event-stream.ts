import { ProviderUnavailableError } from '@baton/core/contracts';
import { EventStreamCodec, fromUtf8, toUtf8 } from './load-aws-modules.js';

/** One decoded `application/vnd.amazon.eventstream` message. */
export interface BedrockStreamMessage {
  /** `:message-type`: `event`, `exception` or `error`. */
  messageType: string;
  /** `:event-type` of events, `:exception-type` of exceptions, `:error-code` of errors. */
  type: string;
  /** The JSON payload (or `{ message }` from `:error-message` for `error` messages). */
  payload: unknown;
}

const codec = new EventStreamCodec(toUtf8, fromUtf8);

/**
 * Decodes a binary AWS event stream incrementally: frames are cut by their 4-byte
 * big-endian total length (a frame may span chunks, a chunk may hold many frames) and each
 * is decoded and CRC-checked by `@smithy/eventstream-codec`. A corrupt frame, a non-JSON
 * payload or trailing bytes of an unfinished frame throw a retryable
 * `ProviderUnavailableError`.
 * @see https://docs.aws.amazon.com/transcribe/latest/dg/event-stream.html
 */
export async function* decodeBedrockEventStream(
  body: AsyncIterable<Uint8Array>,
): AsyncGenerator<BedrockStreamMessage> {
  let buffer: Uint8Array = new Uint8Array(0);
  for await (const chunk of body) {
    if (buffer.length === 0) buffer = chunk;
    else {
      const joined = new Uint8Array(buffer.length + chunk.length);
      joined.set(buffer, 0);
      joined.set(chunk, buffer.length);
      buffer = joined;
    }
    let offset = 0;
    while (buffer.length - offset >= 4) {
      const view = new DataView(buffer.buffer, buffer.byteOffset + offset, 4);
      const total = view.getUint32(0, false);
      if (total < 16) throw malformed(`event-stream frame length ${total} is too small`);
      if (buffer.length - offset < total) break;
      yield decodeFrame(buffer.subarray(offset, offset + total));
      offset += total;
    }
    buffer = offset === 0 ? buffer : buffer.slice(offset);
  }
  if (buffer.length > 0) throw malformed(`event stream ended inside a frame (${buffer.length} bytes left)`);
}

function decodeFrame(frame: Uint8Array): BedrockStreamMessage {
  let message: ReturnType<InstanceType<typeof EventStreamCodec>['decode']>;
  try {
    message = codec.decode(frame);
  } catch (error) {
    throw malformed(
      `corrupt event-stream frame: ${error instanceof Error ? error.message : String(error)}`,
      error,
    );
  }
  const header = (name: string) => {
    const value = message.headers[name]?.value;
    return typeof value === 'string' ? value : undefined;
  };
  const messageType = header(':message-type') ?? 'event';
  if (messageType === 'error') {
    return {
      messageType,
      type: header(':error-code') ?? 'InternalServerException',
      payload: { message: header(':error-message') },
    };
  }
  const type = (messageType === 'exception' ? header(':exception-type') : header(':event-type')) ?? 'unknown';
  const text = toUtf8(message.body);
  let payload: unknown = {};
  if (text.length > 0) {
    try {
      payload = JSON.parse(text);
    } catch (error) {
      throw malformed(`event-stream ${type} payload is not JSON: ${text.slice(0, 200)}`, error);
    }
  }
  return { messageType, type, payload };
}

function malformed(message: string, cause?: unknown): ProviderUnavailableError {
  return new ProviderUnavailableError(`bedrock: ${message}`, { provider: 'bedrock', cause });
}
