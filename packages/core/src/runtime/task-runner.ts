import type { Agent, AgentContext, DelegateOptions, PlanStep } from '../contracts/agent.js';
import type { Budget } from '../contracts/budget.js';
import type { RunEventInput } from '../contracts/run-event.js';
import type { ToolContext } from '../contracts/tool.js';
import { BatonError } from '../errors/baton-error.js';
import { CancelledError } from '../errors/cancelled-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { ValidationError } from '../errors/validation-error.js';
import type { Lease } from '../scheduler/scheduler.js';
import { taskPools } from '../scheduler/task-pools.js';
import { validateDag } from '../scheduler/validate-dag.js';
import { now } from './event-stream.js';
import type { RunContext, TaskState } from './run-context.js';
import { type AgentLoopHooks, runAgentLoop } from './runner/agent-loop.js';
import { summarizeError } from './runner/error-summary.js';
import { TaskCancellation } from './task-cancellation.js';

/** How a new task is created: by the run (root), by delegation, or from a planned DAG. */
export interface TaskInit {
  agent: Agent;
  input: unknown;
  parent: TaskState | undefined;
  capabilities: readonly string[];
  priority?: number;
  dependsOn?: readonly string[];
  expectedMs?: number;
  budget?: Budget;
  deadline?: number;
  id?: string;
}

// The default loop of a task's own turn is never coordination work.
const noCoordination = { coordination: false } as const;

/** Cancels a task and its whole subtree. */
export function cancelTask(task: TaskState, reason: unknown): void {
  if (task.cancellation.aborted) return;
  task.cancellation.cancel(reason);
  for (let child = task.firstChild; child !== undefined; ) {
    const next = child.nextSibling;
    cancelTask(child, reason);
    child = next;
  }
}

/** Appends a running child to its parent's list. */
function linkChild(parent: TaskState, child: TaskState): void {
  const last = parent.lastChild;
  child.prevSibling = last;
  if (last === undefined) parent.firstChild = child;
  else last.nextSibling = child;
  parent.lastChild = child;
}

/** Removes a finished child from its parent's list (once). */
function unlinkChild(parent: TaskState, child: TaskState): void {
  const prev = child.prevSibling;
  const next = child.nextSibling;
  if (prev !== undefined) prev.nextSibling = next;
  else if (parent.firstChild === child) parent.firstChild = next;
  else return;
  if (next !== undefined) next.prevSibling = prev;
  else parent.lastChild = prev;
  child.prevSibling = undefined;
  child.nextSibling = undefined;
}

/** Creates the task's state and registers it with the scheduler and ledger (synchronously). */
export function createTask(run: RunContext, init: TaskInit): TaskState {
  const id = init.id ?? run.nextTaskId();
  const budget = init.budget ?? init.agent.budget;
  const task: TaskState = {
    id,
    agent: init.agent,
    parent: init.parent,
    input: init.input,
    priority: init.priority ?? init.parent?.priority ?? 0,
    capabilities: init.capabilities,
    cancellation: new TaskCancellation(),
    budget,
    dependsOn: init.dependsOn,
    expectedMs: init.expectedMs,
    firstChild: undefined,
    lastChild: undefined,
    prevSibling: undefined,
    nextSibling: undefined,
    lease: undefined,
    ticket: undefined,
    policyContext: undefined,
    step: undefined,
    summary: undefined as never,
  };
  if (init.parent) {
    if (init.parent.cancellation.aborted) task.cancellation.cancel(init.parent.cancellation.reason);
    linkChild(init.parent, task);
  }
  const agentName = init.agent.name;
  const entry = {
    id,
    priority: task.priority,
    dependsOn: init.dependsOn,
    expectedMs: init.expectedMs,
    pools: taskPools(agentName, init.agent.model ?? run.defaultModel),
    parentId: init.parent?.id,
    // Dependencies only come from a plan, whose steps are all added before any can finish.
    forgetWhenDone: true,
  };
  if (run.ticketScheduler) task.ticket = run.ticketScheduler.admit(entry);
  else run.scheduler.add(entry);
  run.ledger.open(id, { parentId: init.parent?.id, agent: agentName, budget });
  const dependsOn = init.dependsOn && init.dependsOn.length > 0 ? [...init.dependsOn] : undefined;
  const time = now();
  task.summary = run.report.queued(
    id,
    init.parent?.summary,
    init.parent?.id,
    agentName,
    init.capabilities,
    dependsOn,
    time,
  );
  if (run.events.observed) {
    const event: RunEventInput = {
      type: 'task-queued',
      taskId: id,
      agent: agentName,
      priority: task.priority,
      capabilities: init.capabilities,
    };
    if (init.parent) event.parentId = init.parent.id;
    if (dependsOn) event.dependsOn = dependsOn;
    run.events.deliver(event, time);
  } else {
    run.events.skip();
  }
  const deadline = init.deadline ?? (budget?.timeMs !== undefined ? Date.now() + budget.timeMs : undefined);
  if (deadline !== undefined) {
    const cancel = run.deadlines.schedule(deadline, () =>
      cancelTask(task, new TimeoutError(`task ${id} (${agentName}) passed its deadline`)),
    );
    task.cancellation.addEventListener('abort', cancel);
    (task as { clearDeadline?: () => void }).clearDeadline = cancel;
  }
  return task;
}

/**
 * Runs a created task to its end: wait for its turn, run the agent, release everything.
 * Written as steps chained on promises rather than one async function: a task waiting on its
 * agent then holds two small closures, not a suspended frame with all of its locals (what
 * most of the heap was made of with 10,000 tasks in flight).
 */
export function runTask(run: RunContext, task: TaskState): Promise<unknown> {
  let granted: Lease | Promise<Lease>;
  try {
    // A task whose slots are free starts in this same tick (no promise in between).
    granted =
      task.ticket !== undefined
        ? run.ticketScheduler!.take(task.ticket, task.cancellation)
        : run.scheduler.acquire(task.id, task.cancellation);
  } catch (error) {
    return Promise.reject(taskFailed(run, task, error));
  }
  if (granted instanceof Promise)
    return granted.then(
      (lease) => startTask(run, task, lease),
      (error: unknown) => {
        throw taskFailed(run, task, error);
      },
    );
  return startTask(run, task, granted);
}

/** Holds the slot, starts the agent and finishes the task when it settles. */
function startTask(run: RunContext, task: TaskState, lease: Lease): Promise<unknown> {
  task.lease = lease;
  let work: unknown;
  try {
    const time = now();
    run.report.started(task.summary, time);
    if (run.events.observed) run.events.deliver({ type: 'task-started', taskId: task.id }, time);
    else run.events.skip();
    task.cancellation.throwIfAborted();
    if (task.step !== undefined) task.input = task.step.input();
    work = task.agent.run
      ? task.agent.run(task.input, agentContext(run, task))
      : runAgentLoop(run, task, task.input, loopHooks, noCoordination);
  } catch (error) {
    return Promise.reject(taskFailed(run, task, error));
  }
  return (work instanceof Promise ? work : Promise.resolve(work)).then(
    (output) => taskSucceeded(run, task, output),
    (error: unknown) => {
      throw taskFailed(run, task, error);
    },
  );
}

/** The agent returned: the task succeeded, unless it was cancelled meanwhile. */
function taskSucceeded(run: RunContext, task: TaskState, output: unknown): unknown {
  if (task.cancellation.aborted) throw taskFailed(run, task, task.cancellation.reason);
  // Before finishing: finishing lets the step's dependents start, and they read this output.
  task.step?.succeeded(output);
  finishTask(run, task, 'succeeded', undefined);
  return output;
}

/** Finishes a task that failed or was cancelled; returns the error its caller receives. */
function taskFailed(run: RunContext, task: TaskState, error: unknown): unknown {
  let failure = error;
  const signal = task.cancellation;
  if (signal.aborted) {
    // An abort carries why it happened (a deadline's TimeoutError, a run cancel).
    const reason: unknown = signal.reason;
    if (BatonError.isInstance(reason)) failure = reason;
    else if (!BatonError.isInstance(error))
      failure = new CancelledError(`task ${task.id} cancelled`, { cause: error });
  }
  finishTask(
    run,
    task,
    signal.aborted || CancelledError.isInstance(failure) ? 'cancelled' : 'failed',
    failure,
  );
  return failure;
}

/** Releases everything the task held and records how it ended. */
function finishTask(
  run: RunContext,
  task: TaskState,
  status: 'succeeded' | 'failed' | 'cancelled',
  failure: unknown,
): void {
  // Finish first: dependents become ready before the slot is handed on, so they compete for it.
  if (task.ticket !== undefined) run.ticketScheduler!.done(task.ticket);
  else run.scheduler.finish(task.id);
  task.lease?.release();
  task.lease = undefined;
  run.ledger.close(task.id);
  (task as { clearDeadline?: () => void }).clearDeadline?.();
  if (task.parent) unlinkChild(task.parent, task);
  const error = failure === undefined ? undefined : summarizeError(failure);
  const time = now();
  run.report.finished(task.summary, status, error, time);
  if (run.events.observed) {
    const event: RunEventInput = {
      type: 'task-finished',
      taskId: task.id,
      status,
      used: status === 'succeeded',
    };
    if (error !== undefined) event.error = error;
    run.events.deliver(event, time);
  } else {
    run.events.skip();
  }
}

function toolContext(run: RunContext, task: TaskState): ToolContext {
  return {
    runId: run.runId,
    taskId: task.id,
    agent: task.agent.name,
    get signal() {
      return task.cancellation.signal;
    },
    capabilities: task.capabilities,
  };
}

function resolveSubAgent(parent: TaskState, target: Agent | string): Agent {
  if (typeof target !== 'string') return target;
  const found = parent.agent.agents?.find((a) => a.name === target);
  if (!found) {
    throw new ValidationError(
      `agent ${parent.agent.name} cannot delegate to ${JSON.stringify(target)}: not one of its sub-agents (${(parent.agent.agents ?? []).map((a) => a.name).join(', ') || 'none'})`,
    );
  }
  return found;
}

function childCapabilities(run: RunContext, parent: TaskState, agent: Agent, requested?: readonly string[]) {
  const asked = requested ?? agent.capabilities;
  if (run.permissions) return run.permissions.attenuate(parent.capabilities, asked);
  return parent.capabilities;
}

function spawn(
  run: RunContext,
  parent: TaskState,
  agent: Agent,
  input: unknown,
  options?: DelegateOptions,
): TaskState {
  const init: TaskInit = {
    agent,
    input,
    parent,
    capabilities: childCapabilities(run, parent, agent, options?.capabilities),
  };
  if (options?.priority !== undefined) init.priority = options.priority;
  if (options?.budget !== undefined) init.budget = options.budget;
  if (options?.expectedMs !== undefined) init.expectedMs = options.expectedMs;
  return createTask(run, init);
}

// While a parent waits on its children it gives back its slots, so a small concurrency
// limit can never deadlock a delegation tree.
async function whileSuspended<T>(run: RunContext, task: TaskState, work: Promise<T>): Promise<T> {
  const lease = task.lease;
  if (!lease) return work;
  lease.suspend();
  waitingChanged(run, task, true);
  try {
    return await work;
  } finally {
    await lease.resume();
    waitingChanged(run, task, false);
  }
}

function waitingChanged(run: RunContext, task: TaskState, waiting: boolean): void {
  const time = now();
  run.report.waiting(task.summary, waiting, time);
  if (run.events.observed) run.events.deliver({ type: 'task-waiting', taskId: task.id, waiting }, time);
  else run.events.skip();
}

/** Delegates to a sub-agent: one child task; its output flows back to the parent. */
export function delegate(
  run: RunContext,
  parent: TaskState,
  target: Agent | string,
  input: unknown,
  options?: DelegateOptions,
): Promise<unknown> {
  const child = spawn(run, parent, resolveSubAgent(parent, target), input, options);
  return whileSuspended(run, parent, runTask(run, child));
}

/** Fans out: one child per input, at most `concurrency` in flight, outputs in input order. */
export function map(
  run: RunContext,
  parent: TaskState,
  target: Agent | string,
  inputs: readonly unknown[],
  options: (DelegateOptions & { concurrency?: number }) | undefined,
): Promise<unknown[]> {
  const agent = resolveSubAgent(parent, target);
  // Without an explicit limit, children are created in a window as wide as the run's
  // concurrency (at least 64): a fan-out over 100k inputs keeps a window of tasks alive
  // rather than 100k waiting ones, and as a child finishes its worker creates the next one
  // while its slot is free, so that child starts at once instead of waiting in the queue.
  const window = options?.concurrency ?? Math.max(64, run.scheduler.concurrency);
  const limit = Math.max(1, Math.min(window, inputs.length));
  if (limit >= inputs.length) return whileSuspended(run, parent, all(run, parent, agent, inputs, options));
  const outputs = new Array<unknown>(inputs.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < inputs.length && !failed) {
      const index = next++;
      try {
        outputs[index] = await runTask(run, spawn(run, parent, agent, inputs[index], options));
      } catch (error) {
        // The map has failed: start no more children (those running finish on their own).
        failed = true;
        throw error;
      }
    }
  };
  const workers = new Array<Promise<void>>(limit);
  for (let i = 0; i < limit; i++) workers[i] = worker();
  return whileSuspended(
    run,
    parent,
    Promise.all(workers).then(() => outputs),
  );
}

/**
 * Runs a DAG of steps as child tasks (`ctx.plan`). Every step is created at once with its
 * dependencies, so the scheduler ranks the whole plan (critical path, priorities); a step's
 * input is built when the scheduler starts it, which is after its dependencies finished.
 */
export function plan(
  run: RunContext,
  parent: TaskState,
  steps: Readonly<Record<string, PlanStep>>,
): Promise<Record<string, unknown>> {
  const ids = Object.keys(steps);
  // Everything is checked before any step is created: a bad plan runs nothing.
  validateDag(ids.map((id) => ({ id, deps: steps[id]!.dependsOn ?? [], expectedMs: 0 })));
  const agents = ids.map((id) => resolveSubAgent(parent, steps[id]!.agent));
  const taskIds = new Map<string, string>();
  for (const id of ids) taskIds.set(id, run.nextTaskId());
  // Outputs of the steps that succeeded. A Map, not an object: a step id is any string.
  const outputs = new Map<string, unknown>();
  const runs: Promise<unknown>[] = [];
  const tasks: TaskState[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const step = steps[id]!;
    const dependsOn = step.dependsOn ?? [];
    const init: TaskInit = {
      agent: agents[i]!,
      input: undefined,
      parent,
      capabilities: childCapabilities(run, parent, agents[i]!, step.capabilities),
      dependsOn: dependsOn.map((dep) => taskIds.get(dep)!),
      id: taskIds.get(id)!,
    };
    if (step.priority !== undefined) init.priority = step.priority;
    if (step.budget !== undefined) init.budget = step.budget;
    if (step.expectedMs !== undefined) init.expectedMs = step.expectedMs;
    let task: TaskState;
    try {
      task = createTask(run, init);
    } catch (error) {
      // A step could not be created (say, its budget share does not fit): the steps created
      // so far would wait on it for ever, so they are cancelled (and end below, unrun).
      for (const created of tasks) cancelTask(created, error);
      runs.push(Promise.reject(error));
      break;
    }
    tasks.push(task);
    task.step = {
      input() {
        for (const dep of dependsOn) {
          if (!outputs.has(dep))
            throw new CancelledError(`plan step ${id} not run: step ${dep} did not succeed`);
        }
        const given = Object.fromEntries(dependsOn.map((dep) => [dep, outputs.get(dep)]));
        return typeof step.input === 'function'
          ? (step.input as (o: typeof given) => unknown)(given)
          : step.input;
      },
      succeeded(output) {
        outputs.set(id, output);
      },
    };
  }
  // Started only once all are added: the scheduler then knows every dependent before any
  // step can finish (it forgets finished tasks, see `forgetWhenDone`).
  for (const task of tasks) runs.push(runTask(run, task));
  return whileSuspended(run, parent, Promise.all(runs)).then(() =>
    Object.fromEntries(ids.map((id) => [id, outputs.get(id)])),
  );
}

// What the agent loop calls back into: one object for every task.
const loopHooks: AgentLoopHooks = {
  delegate: (run, task, agent, input) => delegate(run, task, agent, input),
  toolContext,
};

// A fan-out whose window holds every input: each child runs as its own promise, without a
// worker loop (an async frame per child, held while the child waits on its model).
function all(
  run: RunContext,
  parent: TaskState,
  agent: Agent,
  inputs: readonly unknown[],
  options: DelegateOptions | undefined,
): Promise<unknown[]> {
  const children = new Array<Promise<unknown>>(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    let child: TaskState;
    try {
      child = spawn(run, parent, agent, inputs[i], options);
    } catch (error) {
      // Start no more children; those started finish on their own.
      children.length = i;
      children.push(Promise.reject(error));
      break;
    }
    children[i] = runTask(run, child);
  }
  return Promise.all(children);
}

/** The context an agent's own `run` function receives. */
export function agentContext(run: RunContext, task: TaskState): AgentContext {
  return {
    ...toolContext(run, task),
    generate: (input, options) =>
      runAgentLoop(run, task, input, loopHooks, { coordination: options?.coordination ?? true }),
    delegate: (target, input, options) => delegate(run, task, target, input, options) as Promise<never>,
    map: (target, inputs, options) => map(run, task, target, inputs, options) as Promise<never[]>,
    plan: (steps) => plan(run, task, steps),
  };
}
