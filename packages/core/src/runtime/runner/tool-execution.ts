import { createHash } from 'node:crypto';
import type { Agent } from '../../contracts/agent.js';
import type { ToolCallPart, ToolResultPart } from '../../contracts/model/v1/content-part.js';
import type { ToolCallRequest } from '../../contracts/policy.js';
import type { Tool, ToolContext } from '../../contracts/tool.js';
import { now } from '../event-stream.js';
import type { RunContext, TaskState } from '../run-context.js';
import { policyContextOf } from './policy-context.js';
import { AbortRace } from './race-abort.js';

/** A tool the model may call: a local tool, or a sub-agent offered as a tool. */
export type CallableTool = { kind: 'tool'; tool: Tool } | { kind: 'agent'; agent: Agent };

/** Runs a delegated sub-agent for a model's tool call. */
export type DelegateFn = (agent: Agent, input: unknown) => Promise<unknown>;

/** SHA-256 of the canonical JSON of a call's arguments: binds approvals and audit records to one call. */
export function digestArguments(input: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(input ?? null))
    .digest('hex');
}

function refusal(call: ToolCallPart, output: Record<string, unknown>): ToolResultPart {
  return { type: 'tool-result', toolCallId: call.toolCallId, toolName: call.toolName, output, isError: true };
}

/**
 * Runs one tool call: resolve, validate, check permission (and approval), apply tool
 * policies, execute once per idempotency key, project the output. Every failure becomes a
 * tool result the model can read; nothing here throws except cancellation.
 */
export async function executeToolCall(
  run: RunContext,
  task: TaskState,
  tools: ReadonlyMap<string, CallableTool>,
  call: ToolCallPart,
  delegate: DelegateFn,
  toolContext: () => ToolContext,
): Promise<ToolResultPart> {
  const events = run.events;
  const started = now();
  events.emit({
    type: 'tool-call-started',
    taskId: task.id,
    toolCallId: call.toolCallId,
    toolName: call.toolName,
  });
  const finish = (status: 'ok' | 'error' | 'denied', result: ToolResultPart, error?: string) => {
    const time = now();
    // The report is fed directly (the task's summary in hand); the event goes to listeners.
    run.report.toolCallFinished(task.summary, task.id, call.toolCallId, status);
    if (events.observed) {
      events.deliver(
        {
          type: 'tool-call-finished',
          taskId: task.id,
          toolCallId: call.toolCallId,
          toolName: call.toolName,
          status,
          durationMs: time - started,
          ...(error === undefined ? {} : { error }),
        },
        time,
      );
    } else {
      events.skip();
    }
    return result;
  };

  const callable = tools.get(call.toolName);
  if (!callable) {
    const reason = `unknown tool ${JSON.stringify(call.toolName)}; this agent has: ${[...tools.keys()].join(', ') || 'no tools'}`;
    events.emit({
      type: 'permission-checked',
      taskId: task.id,
      toolCallId: call.toolCallId,
      agent: task.agent.name,
      toolName: call.toolName,
      capabilities: [],
      allowed: false,
      reason,
      argsDigest: digestArguments(call.input),
      knownTool: false,
    });
    return finish('denied', refusal(call, { error: 'unknown_tool', reason }), reason);
  }

  // Validate before anything else looks at the arguments.
  let input: unknown;
  let required: readonly string[] = [];
  if (callable.kind === 'tool') {
    const parsed = callable.tool.input.safeParse(call.input);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`);
      return finish(
        'error',
        refusal(call, {
          error: 'invalid_input',
          issues,
          message: 'Fix the arguments and call the tool again.',
        }),
        issues.join('; '),
      );
    }
    input = parsed.data;
    const caps = callable.tool.capabilities;
    required = typeof caps === 'function' ? caps(input) : (caps ?? []);
  } else {
    const value = call.input as { task?: unknown } | null;
    if (!value || typeof value !== 'object' || typeof value.task !== 'string') {
      return finish(
        'error',
        refusal(call, { error: 'invalid_input', issues: ['task: expected a string'] }),
        'task: expected a string',
      );
    }
    input = value.task;
  }

  if (run.toolPolicies.length > 0) {
    const context = policyContextOf(run, task);
    let request: ToolCallRequest = {
      toolName: call.toolName,
      toolCallId: call.toolCallId,
      input,
      capabilities: required,
    };
    for (const policy of run.toolPolicies) {
      const decision = await policy.beforeToolCall!(request, context);
      if (decision.action === 'allow') continue;
      events.emit({
        type: 'policy-decision',
        taskId: task.id,
        policy: policy.name,
        boundary: 'tool',
        action: decision.action,
        reason: decision.reason,
      });
      if (decision.action === 'deny') {
        return finish(
          'denied',
          refusal(call, { error: 'policy_denied', policy: policy.name, reason: decision.reason }),
          decision.reason,
        );
      }
      request = decision.value;
    }
    input = request.input;
  }
  // Permission is checked on the arguments the tool will actually receive (after tool
  // policies, e.g. rehydrated values), never on what the model wrote.
  if (callable.kind === 'tool' && run.toolPolicies.length > 0) {
    const caps = callable.tool.capabilities;
    required = typeof caps === 'function' ? caps(input) : (caps ?? []);
  }

  const argsDigest = digestArguments(input);
  if (run.permissions) {
    let check: ReturnType<NonNullable<RunContext['permissions']>['check']>;
    try {
      check = run.permissions.check(task.capabilities, required);
    } catch (error) {
      // A gate that fails, fails closed.
      check = {
        allowed: false,
        reason: `permission check failed: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    events.emit({
      type: 'permission-checked',
      taskId: task.id,
      toolCallId: call.toolCallId,
      agent: task.agent.name,
      toolName: call.toolName,
      capabilities: required,
      allowed: check.allowed,
      reason: check.reason,
      argsDigest,
      knownTool: true,
    });
    if (!check.allowed) {
      return finish(
        'denied',
        refusal(call, {
          error: 'permission_denied',
          capability: check.denied ?? required[0] ?? null,
          reason: check.reason,
        }),
        check.reason,
      );
    }
    if (check.needsApproval && check.needsApproval.length > 0) {
      const approved = await run.approvals.request(
        events,
        { taskId: task.id, toolName: call.toolName, capabilities: check.needsApproval, argsDigest },
        run.approvalTimeoutMs,
        task.cancellation,
      );
      if (!approved) {
        const reason = `approval for ${check.needsApproval.join(', ')} was not granted`;
        return finish('denied', refusal(call, { error: 'approval_denied', reason }), reason);
      }
    }
  }

  try {
    let output: unknown;
    if (callable.kind === 'agent') {
      output = await delegate(callable.agent, input);
    } else {
      const t = callable.tool;
      const key = t.idempotencyKey ? `${t.name}\u0000${t.idempotencyKey(input)}` : undefined;
      let pending = key === undefined ? undefined : run.idempotency.get(key);
      if (!pending) {
        pending = Promise.resolve(t.execute(input, toolContext()));
        if (key !== undefined) run.idempotency.set(key, pending);
      }
      const race = new AbortRace(pending, task.cancellation);
      try {
        output = await race.promise;
      } finally {
        race.release();
      }
      if (t.outputSchema) {
        const projected = t.outputSchema.safeParse(output);
        output = projected.success ? projected.data : { error: 'output did not match the declared schema' };
      }
    }
    if (run.ingressPolicies.length > 0) {
      const context = policyContextOf(run, task);
      for (const policy of run.ingressPolicies) {
        const decision = await policy.afterResult!(
          { kind: 'tool', toolName: call.toolName, output },
          context,
        );
        if (decision.action === 'allow') continue;
        events.emit({
          type: 'policy-decision',
          taskId: task.id,
          policy: policy.name,
          boundary: 'ingress',
          action: decision.action,
          reason: decision.reason,
        });
        if (decision.action === 'deny') {
          return finish(
            'denied',
            refusal(call, { error: 'policy_denied', policy: policy.name, reason: decision.reason }),
            decision.reason,
          );
        }
        if (decision.value.kind === 'tool') output = decision.value.output;
      }
    }
    return finish('ok', {
      type: 'tool-result',
      toolCallId: call.toolCallId,
      toolName: call.toolName,
      output: output ?? null,
    });
  } catch (error) {
    if (task.cancellation.aborted) throw error;
    const message = error instanceof Error ? error.message : String(error);
    return finish('error', refusal(call, { error: 'tool_failed', message }), message);
  }
}
