import { type ByteSource, iterateBytes } from './byte-source.js';

/** One dispatched server-sent event. */
export interface SseEvent {
  /** The `event:` field; absent for the default `message` type. */
  event?: string;
  /** The `data:` lines joined with `\n`. */
  data: string;
  /** The last event id seen on the stream so far, when any. */
  id?: string;
  /** A `retry:` reconnection time (ms) received with this event. */
  retry?: number;
}

/**
 * Parses a `text/event-stream` body incrementally, per the WHATWG event-stream
 * interpretation: lines end in CR, LF or CRLF (also across chunk boundaries), a leading
 * BOM is dropped, `:` lines are comments, one space after the colon is stripped, data lines
 * are joined with `\n`, an event is dispatched on a blank line (an event with no data is
 * not), and an unterminated event at end of stream is discarded. UTF-8 characters split
 * across chunks are decoded correctly. Callers handle sentinels such as `[DONE]`.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export async function* parseSse(body: ByteSource): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder('utf-8');
  let buffer = '';
  let skipLeadingLf = false;
  let data = '';
  let hasData = false;
  let eventType: string | undefined;
  let lastId: string | undefined;
  let retry: number | undefined;
  let first = true;

  for await (const chunk of iterateBytes(body)) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first && buffer.length > 0) {
      first = false;
      if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1); // BOM in string chunks
    }
    let start = 0;
    const length = buffer.length;
    while (start < length) {
      if (skipLeadingLf) {
        skipLeadingLf = false;
        if (buffer.charCodeAt(start) === 10) {
          start++;
          continue;
        }
      }
      let end = start;
      let code = 0;
      while (end < length) {
        code = buffer.charCodeAt(end);
        if (code === 10 || code === 13) break;
        end++;
      }
      if (end === length) break; // incomplete line: wait for more bytes
      const line = buffer.slice(start, end);
      start = end + 1;
      if (code === 13) skipLeadingLf = true; // CRLF may be split across chunks

      if (line === '') {
        if (hasData) {
          const event: SseEvent = { data };
          if (eventType !== undefined) event.event = eventType;
          if (lastId !== undefined) event.id = lastId;
          if (retry !== undefined) event.retry = retry;
          yield event;
          retry = undefined;
        }
        data = '';
        hasData = false;
        eventType = undefined;
        continue;
      }
      if (line.charCodeAt(0) === 58) continue; // ':' comment
      const colon = line.indexOf(':');
      let field: string;
      let value: string;
      if (colon === -1) {
        field = line;
        value = '';
      } else {
        field = line.slice(0, colon);
        value = line.charCodeAt(colon + 1) === 32 ? line.slice(colon + 2) : line.slice(colon + 1);
      }
      switch (field) {
        case 'data':
          data = hasData ? `${data}\n${value}` : value;
          hasData = true;
          break;
        case 'event':
          eventType = value;
          break;
        case 'id':
          if (!value.includes('\u0000')) lastId = value;
          break;
        case 'retry':
          if (/^\d+$/.test(value)) retry = Number(value);
          break;
        default:
          break; // unknown fields are ignored
      }
    }
    buffer = start === 0 ? buffer : buffer.slice(start);
  }
  // Bytes after the last line terminator and an undispatched event are discarded (spec).
}
