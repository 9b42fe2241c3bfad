import type { PolicyContext } from '../../contracts/policy.js';
import type { RunEventInput } from '../../contracts/run-event.js';
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

/**
 * A task's policy context naming the model call being inspected (what `inspectEgress`
 * receives). A class rather than `{ ...context, callId }`: in Node 20 that spread takes a
 * slow path of about 1.5 µs, a tenth of Baton's whole per-task budget.
 */
export class CallPolicyContext implements PolicyContext {
  readonly runId: string;
  readonly taskId: string;
  readonly agent: string;
  readonly capabilities: readonly string[];
  readonly runState: Map<unknown, unknown>;
  // The task context's own function (it needs no `this`), so `const { emit } = context` works.
  readonly emit: (event: RunEventInput) => void;

  constructor(
    task: PolicyContext,
    readonly callId: string,
  ) {
    this.runId = task.runId;
    this.taskId = task.taskId;
    this.agent = task.agent;
    this.capabilities = task.capabilities;
    this.runState = task.runState;
    this.emit = task.emit;
  }
}
