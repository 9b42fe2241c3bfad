import type { Agent } from '../../contracts/agent.js';
import type { ToolCallPart, ToolResultPart } from '../../contracts/model/v1/content-part.js';
import type { Message } from '../../contracts/model/v1/message.js';
import type { ModelRequest } from '../../contracts/model/v1/model-request.js';
import type { ToolContext } from '../../contracts/tool.js';
import { MaxStepsExceededError } from '../../errors/max-steps-exceeded-error.js';
import { ValidationError } from '../../errors/validation-error.js';
import type { RunContext, TaskState } from '../run-context.js';
import { agentTools } from './agent-tools.js';
import { type JsonSize, jsonSize } from './json-size.js';
import { callModel } from './model-call.js';
import { type CallableTool, type DelegateFn, executeToolCall } from './tool-execution.js';

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

/** A request's JSON size (`jsonSize`) with the number of messages it holds. */
interface RequestSize extends JsonSize {
  messages: number;
}

/** What a request of an agent measures before its first user message, and what it was measured on. */
interface Frame {
  request: Omit<ModelRequest, 'messages'>;
  instructions: string | undefined;
  size: JsonSize;
}

const frames = new WeakMap<Agent, Frame>();

// `{"role":"user","content":[{"type":"text","text":""}]}`: the first user message less its text.
const userFrame = jsonSize({ role: 'user', content: [{ type: 'text', text: '' }] });

type JsonFormat = { schema?: unknown; name?: string } | undefined;

// A frame is measured once per agent; it is measured again only if the agent was changed since.
function sameFrame(frame: Frame, agent: Agent, request: ModelRequest): boolean {
  const r = frame.request;
  const was = r.responseFormat as JsonFormat;
  const now = request.responseFormat as JsonFormat;
  return (
    frame.instructions === agent.instructions &&
    r.maxOutputTokens === request.maxOutputTokens &&
    r.temperature === request.temperature &&
    r.tools === request.tools &&
    was?.schema === now?.schema &&
    was?.name === now?.name
  );
}

/** The size of the loop's first request, from the agent's frame and the user message's text. */
function startSize(agent: Agent, request: ModelRequest, user: Message): RequestSize {
  let frame = frames.get(agent);
  if (frame === undefined || !sameFrame(frame, agent, request)) {
    const { messages, ...rest } = request;
    // The frame holds the system message, if any: every request of the agent starts with it.
    const system = messages.length > 1 ? [messages[0]] : [];
    frame = {
      request: rest,
      instructions: agent.instructions,
      size: jsonSize({ ...rest, messages: system }),
    };
    frames.set(agent, frame);
  }
  const text = jsonSize((user.content as [{ type: 'text'; text: string }])[0].text);
  const system = frame.instructions ? 1 : 0;
  return {
    chars: frame.size.chars + userFrame.chars - 2 + text.chars + system,
    bytes: frame.size.bytes + userFrame.bytes - 2 + text.bytes + system,
    messages: system + 1,
  };
}

/** Appends a message to the history and its JSON (and the comma before it) to the size. */
function append(messages: Message[], size: RequestSize, message: Message): void {
  messages.push(message);
  const added = jsonSize(message);
  const comma = size.messages > 0 ? 1 : 0;
  size.chars += added.chars + comma;
  size.bytes += added.bytes + comma;
  size.messages++;
}

/** How the loop delegates and what tools receive; shared by every task (no closures per task). */
export interface AgentLoopHooks {
  delegate(run: RunContext, task: TaskState, agent: Agent, input: unknown): Promise<unknown>;
  toolContext(run: RunContext, task: TaskState): ToolContext;
}

/**
 * Runs one step's tool calls in parallel. Its own function so that the closures it makes live
 * here: captured by closures in `runAgentLoop`, the loop's variables would be moved into a
 * context object on every task, tools or not.
 */
function runToolCalls(
  run: RunContext,
  task: TaskState,
  hooks: AgentLoopHooks,
  byName: ReadonlyMap<string, CallableTool>,
  calls: ToolCallPart[],
): Promise<ToolResultPart[]> {
  const delegate: DelegateFn = (sub, subInput) => hooks.delegate(run, task, sub, subInput);
  const toolContext = () => hooks.toolContext(run, task);
  return Promise.all(calls.map((call) => executeToolCall(run, task, byName, call, delegate, toolContext)));
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
  hooks: AgentLoopHooks,
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
  // The request's JSON size, kept up to date as messages are appended: a model call then
  // never walks the request (the frame is measured once per agent, the history once per message).
  const size = startSize(agent, request, user);

  const maxSteps = agent.maxSteps ?? defaultMaxSteps;
  let repaired = false;
  for (let step = 0; step < maxSteps; step++) {
    task.cancellation.throwIfAborted();
    const result = await callModel(
      run,
      task,
      adapter,
      request,
      options.coordination,
      agent.stream === true,
      size,
    );
    let calls: ToolCallPart[] | undefined;
    let text = '';
    for (const part of result.content) {
      if (part.type === 'tool-call') {
        if (calls === undefined) calls = [part];
        else calls.push(part);
      } else if (part.type === 'text') text += part.text;
    }

    if (calls !== undefined) {
      append(messages, size, { role: 'assistant', content: result.content });
      append(messages, size, {
        role: 'tool',
        content: await runToolCalls(run, task, hooks, tools.byName, calls),
      });
      continue;
    }

    // A final answer ends the loop and the history with it: the answer is appended only when
    // the loop goes on (a repair turn), not to a list nobody reads again.
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
    append(messages, size, { role: 'assistant', content: result.content });
    append(messages, size, {
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
