import type { ModelStreamPart } from '@baton/core/contracts';

/**
 * Passes a stream through, except that an `error` part arriving before anything else is
 * thrown instead: the spec says a failure before the first part rejects the first
 * `next()`, which is what lets callers retry a stream that delivered nothing.
 */
export async function* rejectFirstErrorPart(
  parts: AsyncIterable<ModelStreamPart>,
): AsyncGenerator<ModelStreamPart> {
  let first = true;
  for await (const part of parts) {
    if (first && part.type === 'error') throw part.error;
    first = false;
    yield part;
  }
}
