import type { Agent } from '../../contracts/agent.js';
import type { ToolCallPart, ToolResultPart } from '../../contracts/model/v1/content-part.js';
import type { Message } from '../../contracts/model/v1/message.js';
import type { ModelAdapter } from '../../contracts/model/v1/model-adapter.js';
import type { ModelRequest } from '../../contracts/model/v1/model-request.js';
import type { ModelResult } from '../../contracts/model/v1/model-result.js';
import type { ToolContext } from '../../contracts/tool.js';
import { MaxStepsExceededError } from '../../errors/max-steps-exceeded-error.js';
import { ValidationError } from '../../errors/validation-error.js';
import type { RunContext, TaskState } from '../run-context.js';
import { agentTools } from './agent-tools.js';
import { type JsonSize, jsonSize } from './json-size.js';
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
function append(conversation: Conversation, message: Message): void {
  const size = conversation.size;
  conversation.messages.push(message);
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
  conversation: Conversation,
  calls: ToolCallPart[],
): Promise<ToolResultPart[]> {
  const byName = conversation.tools.byName;
  const delegate: DelegateFn = (sub, subInput) => hooks.delegate(run, task, sub, subInput);
  const toolContext = () => hooks.toolContext(run, task);
  return Promise.all(calls.map((call) => executeToolCall(run, task, byName, call, delegate, toolContext)));
}

/** What one run of the agent loop works on: the adapter, the tools, and the request as it grows. */
interface Conversation {
  adapter: ModelAdapter;
  tools: ReturnType<typeof agentTools>;
  request: ModelRequest;
  /** The request's messages (the same array as `request.messages`). */
  messages: Message[];
  /**
   * The request's JSON size, kept up to date as messages are appended: a model call then
   * never walks the request (the frame is measured once per agent, the history once per message).
   */
  size: RequestSize;
}

function startConversation(run: RunContext, agent: Agent, input: unknown): Conversation {
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
  return { adapter, tools, request, messages, size: startSize(agent, request, user) };
}

/** The conversation's next model call. */
function ask(run: RunContext, task: TaskState, conversation: Conversation, coordination: boolean) {
  const stream = task.agent.stream === true;
  return callModel(
    run,
    task,
    conversation.adapter,
    conversation.request,
    coordination,
    stream,
    conversation.size,
  );
}

/** The tool calls a model's answer asks for, if any. */
function toolCallsOf(result: ModelResult): ToolCallPart[] | undefined {
  let calls: ToolCallPart[] | undefined;
  for (const part of result.content) {
    if (part.type !== 'tool-call') continue;
    if (calls === undefined) calls = [part];
    else calls.push(part);
  }
  return calls;
}

function textOf(result: ModelResult): string {
  let text = '';
  for (const part of result.content) if (part.type === 'text') text += part.text;
  return text;
}

/** A final answer checked against the agent's output schema: the value, or what is wrong with it. */
function checkAnswer(
  agent: Agent,
  text: string,
): { ok: true; value: unknown } | { ok: false; problem: string } {
  if (!agent.output) return { ok: true, value: text };
  try {
    const parsed = agent.output.safeParse(parseJsonAnswer(text));
    if (parsed.success) return { ok: true, value: parsed.data };
    return {
      ok: false,
      problem: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
    };
  } catch (error) {
    return {
      ok: false,
      problem: `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}

/**
 * The default agent loop: model call → tool calls (in parallel) → tool results → next
 * step, until a final answer or `maxSteps`. Structured output is validated against the
 * agent's zod schema with one repair attempt. The loop's own frame stays small (its work is
 * in the helpers above): a task waiting on its model keeps this frame alive.
 */
export async function runAgentLoop(
  run: RunContext,
  task: TaskState,
  input: unknown,
  hooks: AgentLoopHooks,
  options: { coordination: boolean },
): Promise<unknown> {
  const agent = task.agent;
  const conversation = startConversation(run, agent, input);
  const maxSteps = agent.maxSteps ?? defaultMaxSteps;
  let repaired = false;
  for (let step = 0; step < maxSteps; step++) {
    task.cancellation.throwIfAborted();
    const result = await ask(run, task, conversation, options.coordination);
    const calls = toolCallsOf(result);
    if (calls !== undefined) {
      append(conversation, { role: 'assistant', content: result.content });
      append(conversation, {
        role: 'tool',
        content: await runToolCalls(run, task, hooks, conversation, calls),
      });
      continue;
    }
    // A final answer ends the loop and the history with it: the answer is appended only when
    // the loop goes on (a repair turn), not to a list nobody reads again.
    const answer = checkAnswer(agent, textOf(result));
    if (answer.ok) return answer.value;
    if (repaired || step + 1 >= maxSteps) {
      throw new ValidationError(
        `agent ${agent.name}: answer does not match its output schema: ${answer.problem}`,
      );
    }
    repaired = true;
    append(conversation, { role: 'assistant', content: result.content });
    append(conversation, {
      role: 'user',
      content: [
        {
          type: 'text',
          text: `Your answer does not match the required JSON schema: ${answer.problem}. Reply with only the corrected JSON.`,
        },
      ],
    });
  }
  throw new MaxStepsExceededError(maxSteps);
}
