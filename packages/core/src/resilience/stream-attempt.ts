import type { ModelStreamPart } from '../contracts/model/v1/stream-part.js';

/** The first part of a stream, or the failure that came before any part. */
export type FirstPart =
  | { kind: 'part'; part: ModelStreamPart; iterator: AsyncIterator<ModelStreamPart> }
  | { kind: 'failed'; error: unknown }
  | { kind: 'empty' };

/**
 * Opens a stream and waits for its first part. A rejection or an `error` part before
 * anything was delivered is a failure the caller may retry or fall back from; after the
 * first part, the stream belongs to the caller.
 */
export async function firstPart(open: () => AsyncIterable<ModelStreamPart>): Promise<FirstPart> {
  let iterator: AsyncIterator<ModelStreamPart>;
  try {
    iterator = open()[Symbol.asyncIterator]();
    const next = await iterator.next();
    if (next.done) return { kind: 'empty' };
    if (next.value.type === 'error') {
      await iterator.return?.().catch(() => {});
      return { kind: 'failed', error: next.value.error };
    }
    return { kind: 'part', part: next.value, iterator };
  } catch (error) {
    return { kind: 'failed', error };
  }
}

/** Yields an already-started stream: its first part, then the rest. */
export async function* continueStream(first: ModelStreamPart, iterator: AsyncIterator<ModelStreamPart>) {
  let finished = false;
  try {
    yield first;
    while (true) {
      const next = await iterator.next();
      if (next.done) {
        finished = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!finished) await iterator.return?.().catch(() => {});
  }
}
