import type { RunEvent } from '../contracts/run-event.js';
import type { TaskTiming } from '../report/run-metrics.js';

/**
 * Rebuilds the metrics' task timings from a run's event stream (a journal or `events.jsonl`):
 * queue/start/end times from `task-*` events, time suspended from `task-waiting`, tokens,
 * cost and coordination time from `model-call-finished`.
 */
export function taskTimingsFromEvents(events: Iterable<RunEvent>): TaskTiming[] {
  const tasks = new Map<string, TaskTiming & { waitingSince: number | null }>();
  const get = (id: string) => tasks.get(id);
  for (const event of events) {
    switch (event.type) {
      case 'task-queued': {
        tasks.set(event.taskId, {
          id: event.taskId,
          parentId: event.parentId ?? null,
          dependsOn: event.dependsOn,
          queuedAt: event.time,
          startedAt: null,
          endedAt: null,
          waitingMs: 0,
          coordinationMs: 0,
          hasChildren: false,
          succeeded: false,
          tokens: 0,
          costUsd: 0,
          waitingSince: null,
        });
        const parent = event.parentId === undefined ? undefined : get(event.parentId);
        if (parent) parent.hasChildren = true;
        break;
      }
      case 'task-started': {
        const t = get(event.taskId);
        if (t && t.startedAt === null) t.startedAt = event.time;
        break;
      }
      case 'task-waiting': {
        const t = get(event.taskId);
        if (!t) break;
        if (event.waiting) t.waitingSince ??= event.time;
        else if (t.waitingSince !== null) {
          t.waitingMs += event.time - t.waitingSince;
          t.waitingSince = null;
        }
        break;
      }
      case 'task-finished': {
        const t = get(event.taskId);
        if (!t) break;
        t.endedAt = event.time;
        t.succeeded = event.status === 'succeeded';
        if (t.waitingSince !== null) {
          t.waitingMs += event.time - t.waitingSince;
          t.waitingSince = null;
        }
        break;
      }
      case 'model-call-finished': {
        const t = get(event.taskId);
        if (!t) break;
        t.tokens += event.usage.inputTokens + event.usage.outputTokens;
        t.costUsd += event.costUsd;
        if (event.coordination) t.coordinationMs += event.durationMs;
        break;
      }
      default:
        break;
    }
  }
  return [...tasks.values()].map(({ waitingSince: _waitingSince, ...timing }) => timing);
}
