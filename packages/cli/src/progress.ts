import type { Writable } from 'node:stream';
import type { RunEvent } from '@baton/core';

/**
 * Shows a run's progress on stderr: one line rewritten in place on a terminal, a line
 * every second otherwise. One interval for the whole run, not one per event.
 */
export function createProgress(stream: Writable & { isTTY?: boolean }) {
  let queued = 0;
  let finished = 0;
  let failed = 0;
  let modelCalls = 0;
  let toolCalls = 0;
  let denied = 0;
  let tokens = 0;
  let last = '';
  const started = Date.now();
  const line = () =>
    `  ${finished}/${queued} tasks done${failed ? ` (${failed} failed)` : ''} · ${modelCalls} model calls · ${toolCalls} tool calls${denied ? ` · ${denied} denied` : ''} · ${tokens} tokens · ${((Date.now() - started) / 1000).toFixed(1)} s`;
  const render = () => {
    const text = line();
    if (text === last) return;
    last = text;
    stream.write(stream.isTTY ? `\r\x1b[2K${text}` : `${text}\n`);
  };
  const timer = setInterval(render, stream.isTTY ? 100 : 1000);
  timer.unref();
  return {
    onEvent(event: RunEvent): void {
      switch (event.type) {
        case 'task-queued':
          queued++;
          break;
        case 'task-finished':
          finished++;
          if (event.status !== 'succeeded') failed++;
          break;
        case 'model-call-finished':
          modelCalls++;
          tokens += event.usage.inputTokens + event.usage.outputTokens;
          break;
        case 'tool-call-finished':
          toolCalls++;
          if (event.status === 'denied') denied++;
          break;
        default:
          break;
      }
    },
    stop(): void {
      clearInterval(timer);
      render();
      if (stream.isTTY) stream.write('\n');
    },
  };
}
