import type { RunEvent, RunReport } from '@baton/core';

/** Task ids per agent, from `task-queued` events. */
export function tasksByAgent(events: readonly RunEvent[]): Map<string, string[]> {
  const byAgent = new Map<string, string[]>();
  for (const event of events) {
    if (event.type !== 'task-queued') continue;
    const list = byAgent.get(event.agent) ?? [];
    list.push(event.taskId);
    byAgent.set(event.agent, list);
  }
  return byAgent;
}

/** The most tasks of `ids` that were running at once (started and not yet finished), from the event order. */
export function maxRunning(events: readonly RunEvent[], ids: readonly string[]): number {
  const wanted = new Set(ids);
  let running = 0;
  let max = 0;
  for (const event of events) {
    if (event.type === 'task-started' && wanted.has(event.taskId)) max = Math.max(max, ++running);
    else if (event.type === 'task-finished' && wanted.has(event.taskId)) running--;
  }
  return max;
}

/** The report's totals recomputed from its tasks. */
export function sumTasks(report: RunReport) {
  const sum = { tasks: 0, modelCalls: 0, toolCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
  for (const task of report.tasks) {
    sum.tasks++;
    sum.modelCalls += task.modelCalls;
    sum.toolCalls += task.toolCalls;
    sum.inputTokens += task.usage.inputTokens;
    sum.outputTokens += task.usage.outputTokens;
    sum.costUsd += task.costUsd;
  }
  return sum;
}
