import type { RunEvent, RunEventInput } from '../contracts/run-event.js';

/** Receives every event of a run, in order, synchronously. */
export type RunEventListener = (event: RunEvent) => void;

// Epoch milliseconds with sub-millisecond precision, monotonic within the process.
const origin = performance.timeOrigin;
export const now = (): number => origin + performance.now();

/**
 * The run's single ordered stream. Events are plain objects stamped once and handed to
 * listeners synchronously; nothing is kept unless a listener keeps it.
 *
 * A `tap` (the run's report) sees every `emit` before the listeners. The runtime feeds the
 * tap its hottest events (a task's lifecycle, its model calls) directly instead, and then
 * builds the event object only when a listener exists (`observed`): it `deliver`s it, or
 * `skip`s its number, so numbering is the same whether or not anyone listens.
 */
export class RunEventStream {
  readonly runId: string;
  private seq = 0;
  private readonly listeners: RunEventListener[] = [];
  private closed = false;
  private readonly iterators = new Set<{ push(event: RunEvent): void; end(): void }>();
  private readonly tap: RunEventListener | undefined;

  constructor(runId: string, tap?: RunEventListener) {
    this.runId = runId;
    this.tap = tap;
  }

  /** Whether any listener (besides the tap) receives events. */
  get observed(): boolean {
    return this.listeners.length > 0;
  }

  /** Adds a listener; returns a function that removes it. */
  subscribe(listener: RunEventListener): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  /**
   * Stamps and delivers one event. The body may already carry the envelope fields (`seq`,
   * `time`, `runId`, any values): they are overwritten in place, which spares hot paths a
   * shape change and a separate property store per event.
   */
  emit(body: RunEventInput | RunEvent): RunEvent {
    const event = body as RunEvent;
    event.seq = this.seq++;
    event.time = now();
    event.runId = this.runId;
    this.tap?.(event);
    const listeners = this.listeners;
    for (let i = 0; i < listeners.length; i++) listeners[i]!(event);
    return event;
  }

  /**
   * Stamps (with `time`, which the caller already gave the tap) and delivers an event the
   * tap has been fed directly: listeners only.
   */
  deliver(body: RunEventInput | RunEvent, time: number): void {
    const event = body as RunEvent;
    event.seq = this.seq++;
    event.time = time;
    event.runId = this.runId;
    const listeners = this.listeners;
    for (let i = 0; i < listeners.length; i++) listeners[i]!(event);
  }

  /** Uses up the number of an event nobody but the tap would read (it was fed directly). */
  skip(): void {
    this.seq++;
  }

  /** Ends every async iteration; later `emit`s still reach listeners. */
  close(): void {
    this.closed = true;
    for (const iterator of this.iterators) iterator.end();
    this.iterators.clear();
  }

  /** An async iterable that buffers events from the moment it is created until consumed. */
  iterate(): AsyncIterable<RunEvent> {
    const buffer: RunEvent[] = [];
    let wake: (() => void) | undefined;
    let ended = this.closed;
    const sink = {
      push: (event: RunEvent) => {
        buffer.push(event);
        wake?.();
      },
      end: () => {
        ended = true;
        wake?.();
      },
    };
    if (!ended) this.iterators.add(sink);
    const unsubscribe = this.subscribe(sink.push);
    const iterators = this.iterators;
    return {
      async *[Symbol.asyncIterator]() {
        try {
          let index = 0;
          while (true) {
            if (index < buffer.length) {
              yield buffer[index++]!;
              if (index > 1024) {
                buffer.splice(0, index);
                index = 0;
              }
              continue;
            }
            if (ended) return;
            await new Promise<void>((resolve) => {
              wake = resolve;
            });
            wake = undefined;
          }
        } finally {
          unsubscribe();
          iterators.delete(sink);
        }
      },
    };
  }
}
