import { ProviderUnavailableError } from '@baton/core/contracts';
import { type ByteSource, iterateBytes } from './byte-source.js';

/** Options for `parseNdjson`. */
export interface ParseNdjsonOptions {
  /** Provider name kept on errors. */
  provider?: string;
}

function parseLine(line: string, lineNumber: number, provider: string | undefined): unknown {
  try {
    return JSON.parse(line);
  } catch (error) {
    const shown = line.length > 200 ? `${line.slice(0, 200)}…` : line;
    // Not retryable: the server spoke a broken protocol, and part of the answer may
    // already have been delivered.
    throw new ProviderUnavailableError(
      `${provider ? `${provider}: ` : ''}malformed NDJSON at line ${lineNumber}: ${shown}`,
      { provider, body: line, cause: error, retryable: false },
    );
  }
}

/**
 * Parses newline-delimited JSON incrementally: one value per line (LF or CRLF), blank lines
 * skipped, a final line without a newline accepted. A line that is not JSON throws a
 * non-retryable `ProviderUnavailableError` naming the line number and its text.
 * @see https://github.com/ndjson/ndjson-spec
 */
export async function* parseNdjson(
  body: ByteSource,
  options: ParseNdjsonOptions = {},
): AsyncGenerator<unknown> {
  const decoder = new TextDecoder('utf-8');
  let buffer = '';
  let lineNumber = 0;
  for await (const chunk of iterateBytes(body)) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    let newline = buffer.indexOf('\n', start);
    while (newline !== -1) {
      lineNumber++;
      const line = buffer.slice(start, newline).trim();
      start = newline + 1;
      if (line !== '') yield parseLine(line, lineNumber, options.provider);
      newline = buffer.indexOf('\n', start);
    }
    if (start > 0) buffer = buffer.slice(start);
  }
  buffer += decoder.decode();
  const last = buffer.trim();
  if (last !== '') yield parseLine(last, lineNumber + 1, options.provider);
}
