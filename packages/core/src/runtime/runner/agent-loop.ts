import type { ToolCallPart } from '../../contracts/model/v1/content-part.js';
import type { Message } from '../../contracts/model/v1/message.js';
import type { ModelRequest } from '../../contracts/model/v1/model-request.js';
import type { ToolContext } from '../../contracts/tool.js';
import { MaxStepsExceededError } from '../../errors/max-steps-exceeded-error.js';
import { ValidationError } from '../../errors/validation-error.js';
import type { RunContext, TaskState } from '../run-context.js';
import { agentTools } from './agent-tools.js';
import { callModel } from './model-call.js';
import { type DelegateFn, executeToolCall } from './tool-execution.js';

const defaultMaxSteps = 8;
const defaultMaxOutputTokens = 1024;

/** The text a model sees for a task input. */
export function inputToText(input: unknown): string {
  return typeof input === 'string' ? input : JSON.stringify(input);
}

function parseJsonAnswer(text: string): unknown {
  const trimmed = text.trim();
  // Models often fence JSON; accept ```json … ``` around the value.
  const fenced = /^```(?:json)?\s*([\s\S]*?)\s*```$/.exec(trimmed);
  return JSON.parse(fenced ? fenced[1]! : trimmed);
}

/**
 * The default agent loop: model call → tool calls (in parallel) → tool results → next
 * step, until a final answer or `maxSteps`. Structured output is validated against the
 * agent's zod schema with one repair attempt.
 */
export async function runAgentLoop(
  run: RunContext,
  task: TaskState,
  input: unknown,
  delegate: DelegateFn,
  toolContext: () => ToolContext,
  options: { coordination: boolean },
): Promise<unknown> {
  const agent = task.agent;
  const adapter = run.registry.resolve(agent.model ?? run.defaultModel);
  const tools = agentTools(agent);
  // Built as a literal so the backing store has exactly these slots (a task waiting on its
  // model holds this array; `push` onto an empty one would reserve 17).
  const user: Message = { role: 'user', content: [{ type: 'text', text: inputToText(input) }] };
  const messages: Message[] = agent.instructions
    ? [{ role: 'system', content: agent.instructions }, user]
    : [user];

  const request: ModelRequest = {
    messages,
    maxOutputTokens: agent.maxOutputTokens ?? defaultMaxOutputTokens,
  };
  if (tools.definitions) request.tools = tools.definitions;
  if (agent.temperature !== undefined) request.temperature = agent.temperature;
  if (tools.outputJsonSchema)
    request.responseFormat = { type: 'json', schema: tools.outputJsonSchema, name: agent.name };

  const maxSteps = agent.maxSteps ?? defaultMaxSteps;
  let repaired = false;
  for (let step = 0; step < maxSteps; step++) {
    task.cancellation.throwIfAborted();
    const result = await callModel(run, task, adapter, request, options.coordination, agent.stream === true);
    const calls: ToolCallPart[] = [];
    let text = '';
    for (const part of result.content) {
      if (part.type === 'tool-call') calls.push(part);
      else if (part.type === 'text') text += part.text;
    }
    messages.push({ role: 'assistant', content: result.content });

    if (calls.length > 0) {
      const results = await Promise.all(
        calls.map((call) => executeToolCall(run, task, tools.byName, call, delegate, toolContext)),
      );
      messages.push({ role: 'tool', content: results });
      continue;
    }

    if (!agent.output) return text;
    let problem: string;
    try {
      const parsed = agent.output.safeParse(parseJsonAnswer(text));
      if (parsed.success) return parsed.data;
      problem = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    } catch (error) {
      problem = `not valid JSON (${error instanceof Error ? error.message : String(error)})`;
    }
    if (repaired || step + 1 >= maxSteps) {
      throw new ValidationError(`agent ${agent.name}: answer does not match its output schema: ${problem}`);
    }
    repaired = true;
    messages.push({
      role: 'user',
      content: [
        {
          type: 'text',
          text: `Your answer does not match the required JSON schema: ${problem}. Reply with only the corrected JSON.`,
        },
      ],
    });
  }
  throw new MaxStepsExceededError(maxSteps);
}
