import type { ModelStreamPart } from '@baton/core/contracts';

/** What a model stream produced: all parts, the joined text, and the failure if any. */
export interface CollectedStream {
  /** Every part, in order (an `error` part included). */
  parts: ModelStreamPart[];
  /** The `text-delta`s joined. */
  text: string;
  /** The error of an `error` part, or what the iterator threw. */
  error: unknown;
  /** The `finish` part, when the stream finished. */
  finish: Extract<ModelStreamPart, { type: 'finish' }> | undefined;
}

/**
 * Drains a model stream. `onPart` runs after each part is recorded (e.g. to abort mid-stream).
 * Never throws: a failure is returned in `error`.
 */
export async function collectStream(
  stream: AsyncIterable<ModelStreamPart>,
  onPart?: (part: ModelStreamPart, index: number) => void,
): Promise<CollectedStream> {
  const parts: ModelStreamPart[] = [];
  let text = '';
  let error: unknown;
  let finish: CollectedStream['finish'];
  try {
    for await (const part of stream) {
      parts.push(part);
      if (part.type === 'text-delta') text += part.delta;
      else if (part.type === 'finish') finish = part;
      else if (part.type === 'error' && error === undefined) error = part.error;
      onPart?.(part, parts.length - 1);
    }
  } catch (thrown) {
    error ??= thrown;
  }
  return { parts, text, error, finish };
}
