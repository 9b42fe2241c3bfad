import type { PolicyContext } from '../../contracts/policy.js';
import type { RunContext, TaskState } from '../run-context.js';

/** The task's policy context, built on first use (most tasks of a fan-out never need it twice). */
export function policyContextOf(run: RunContext, task: TaskState): PolicyContext {
  if (task.policyContext) return task.policyContext;
  const events = run.events;
  task.policyContext = {
    runId: run.runId,
    taskId: task.id,
    agent: task.agent.name,
    capabilities: task.capabilities,
    runState: run.runState,
    emit: (event) => {
      events.emit(event);
    },
  };
  return task.policyContext;
}
