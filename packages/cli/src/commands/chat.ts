import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import {
  BatonError,
  type Message,
  type ModelAdapter,
  type ModelContentPart,
  type ModelRequest,
  ProviderUnavailableError,
  type ToolCallPart,
  type ToolDefinition,
  ValidationError,
  withRetry,
} from '@baton/core';
import { z } from 'zod';
import { type CliIO, type Command, UsageError, writeJsonLine } from '../cli-io.js';
import { chatProviders } from '../providers.js';

const usage = `Usage: baton chat --provider P --model M [--base-url URL] [--api-key K] [--stream]
                  [--system TEXT] [--tools FILE] [--max-steps N] [--max-tokens N]
                  [--timeout-ms N] [--json] "prompt"

Sends one prompt to a provider and prints the answer. With --tools FILE (a JSON array of
{ name, description, parameters, result }), each tool call is answered with that tool's
fixed result and the loop continues until a final answer or --max-steps model calls
(default 8; 1 = a single turn). Retryable failures are retried twice, honouring Retry-After.

With --json, stdout is one object:
  { text, toolCalls: [{ id, name, arguments }], usage: { inputTokens, outputTokens },
    finishReason, steps }
and a failure prints { "error": { status, type, code, message } } and exits 1.

Keys come from --api-key or the provider's environment variable (OPENAI_API_KEY, …).
`;

interface ChatArgs {
  provider?: string;
  model?: string;
  baseURL?: string;
  apiKey?: string;
  stream: boolean;
  system?: string;
  tools?: string;
  maxSteps: number;
  maxTokens?: number;
  timeoutMs?: number;
  json: boolean;
  prompt?: string;
}

const valueFlags = {
  '--provider': 'provider',
  '--model': 'model',
  '--base-url': 'baseURL',
  '--api-key': 'apiKey',
  '--system': 'system',
  '--tools': 'tools',
  '--max-steps': 'maxSteps',
  '--max-tokens': 'maxTokens',
  '--timeout-ms': 'timeoutMs',
} as const;

function positiveInteger(flag: string, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    throw new UsageError(`chat: ${flag} must be a positive integer (got '${text}')`);
  }
  return Number(text);
}

function parseArgs(argv: string[]): ChatArgs | 'help' {
  const args: ChatArgs = { stream: false, json: false, maxSteps: 8 };
  const prompt: string[] = [];
  let positional = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (positional || !arg.startsWith('--') || arg === '--') {
      if (!positional && arg === '--') positional = true;
      else prompt.push(arg);
      continue;
    }
    if (arg === '--help') return 'help';
    if (arg === '--stream') {
      args.stream = true;
      continue;
    }
    if (arg === '--json') {
      args.json = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const key = valueFlags[flag as keyof typeof valueFlags];
    if (!key) throw new UsageError(`chat: unknown option '${flag}' (try \`baton chat --help\`)`);
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new UsageError(`chat: ${flag} needs a value`);
    if (key === 'maxSteps' || key === 'maxTokens' || key === 'timeoutMs')
      args[key] = positiveInteger(flag, value);
    else args[key] = value;
  }
  if (prompt.length > 0) args.prompt = prompt.join(' ');
  return args;
}

/** One entry of a `--tools` file. */
const ToolFileSchema = z.array(
  z.object({
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'tool names must match [a-zA-Z0-9_-]{1,64}'),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    result: z.unknown(),
  }),
);
type ToolFileEntry = z.infer<typeof ToolFileSchema>[number];

async function loadTools(file: string, cwd: string): Promise<ToolFileEntry[]> {
  const path = isAbsolute(file) ? file : resolve(cwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `chat: cannot read --tools file ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`chat: --tools file ${file} is not valid JSON`);
  }
  const parsed = ToolFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? ` at [${issue.path.join('][')}]` : '';
    throw new UsageError(
      `chat: --tools file ${file}${where}: ${issue.message} (expected [{ name, description, parameters, result }])`,
    );
  }
  const names = new Set<string>();
  for (const tool of parsed.data) {
    if (names.has(tool.name)) throw new UsageError(`chat: --tools file ${file} defines '${tool.name}' twice`);
    names.add(tool.name);
  }
  return parsed.data;
}

/** The `{ error }` object of the CLI contract: HTTP status and the provider's own type/code. */
export function chatErrorObject(error: unknown): {
  status: number | null;
  type: string | null;
  code: string | null;
  message: string;
} {
  if (BatonError.isInstance(error)) {
    return {
      status: error.provider?.status ?? null,
      type: error.provider?.type ?? error.code,
      code: error.provider?.code ?? null,
      message: error.message,
    };
  }
  return {
    status: null,
    type: null,
    code: null,
    message: error instanceof Error ? error.message : String(error),
  };
}

interface StepOutcome {
  content: ModelContentPart[];
  finishReason: string;
  inputTokens: number;
  outputTokens: number;
}

async function runStep(
  adapter: ModelAdapter,
  request: ModelRequest,
  stream: boolean,
  signal: AbortSignal | undefined,
  onText: (delta: string) => void,
): Promise<StepOutcome> {
  const options = signal ? { signal } : {};
  if (!stream) {
    const result = await adapter.generate(request, options);
    for (const part of result.content) if (part.type === 'text') onText(part.text);
    return {
      content: result.content,
      finishReason: result.finishReason.unified,
      inputTokens: result.usage.inputTokens,
      outputTokens: result.usage.outputTokens,
    };
  }
  const content: ModelContentPart[] = [];
  let text = '';
  let finish: StepOutcome | undefined;
  for await (const part of adapter.stream(request, options)) {
    if (part.type === 'text-delta') {
      text += part.delta;
      onText(part.delta);
    } else if (part.type === 'tool-call') {
      if (text) content.push({ type: 'text', text });
      text = '';
      content.push({
        type: 'tool-call',
        toolCallId: part.toolCallId,
        toolName: part.toolName,
        input: part.input,
      });
    } else if (part.type === 'error') {
      throw part.error;
    } else if (part.type === 'finish') {
      finish = {
        content,
        finishReason: part.finishReason.unified,
        inputTokens: part.usage.inputTokens,
        outputTokens: part.usage.outputTokens,
      };
    }
  }
  if (text) content.push({ type: 'text', text });
  if (!finish) throw new ProviderUnavailableError('the stream ended without a finish part');
  return finish;
}

async function chat(args: ChatArgs, io: CliIO): Promise<number> {
  if (!args.provider) throw new UsageError('chat: --provider is required (try `baton chat --help`)');
  if (!args.model) throw new UsageError('chat: --model is required');
  if (args.prompt === undefined || args.prompt.trim() === '')
    throw new UsageError('chat: missing the prompt');
  const factory = chatProviders[args.provider];
  if (!factory) {
    throw new UsageError(
      `chat: unknown provider '${args.provider}' (known: ${Object.keys(chatProviders).sort().join(', ')})`,
    );
  }
  const tools = args.tools ? await loadTools(args.tools, io.cwd) : [];
  let base: ModelAdapter;
  try {
    base = factory({
      model: args.model,
      env: io.env,
      ...(args.baseURL !== undefined ? { baseURL: args.baseURL } : {}),
      ...(args.apiKey !== undefined ? { apiKey: args.apiKey } : {}),
    });
  } catch (error) {
    if (ValidationError.isInstance(error)) throw new UsageError(`chat: ${error.message}`);
    throw error;
  }
  // 400 and 401 are never retryable, so they are never retried.
  const adapter = withRetry(base, { maxRetries: 2 });
  const toolDefinitions: ToolDefinition[] = tools.map((tool) => ({
    name: tool.name,
    ...(tool.description !== undefined ? { description: tool.description } : {}),
    inputSchema: tool.parameters ?? { type: 'object', properties: {} },
  }));
  const results = new Map(tools.map((tool) => [tool.name, tool.result]));
  const messages: Message[] = [];
  if (args.system !== undefined) messages.push({ role: 'system', content: args.system });
  messages.push({ role: 'user', content: [{ type: 'text', text: args.prompt }] });

  const signal = args.timeoutMs !== undefined ? AbortSignal.timeout(args.timeoutMs) : undefined;
  const toolCalls: { id: string; name: string; arguments: unknown }[] = [];
  const usage = { inputTokens: 0, outputTokens: 0 };
  let text = '';
  let finishReason = 'other';
  let steps = 0;
  const live = args.stream && !args.json;
  try {
    while (steps < args.maxSteps) {
      steps++;
      const request: ModelRequest = { messages: [...messages] };
      if (toolDefinitions.length > 0) request.tools = toolDefinitions;
      if (args.maxTokens !== undefined) request.maxOutputTokens = args.maxTokens;
      const outcome = await runStep(adapter, request, args.stream, signal, (delta) => {
        if (live) io.stdout.write(delta);
      });
      usage.inputTokens += outcome.inputTokens;
      usage.outputTokens += outcome.outputTokens;
      finishReason = outcome.finishReason;
      text = outcome.content
        .filter((part) => part.type === 'text')
        .map((part) => (part.type === 'text' ? part.text : ''))
        .join('');
      const calls = outcome.content.filter((part): part is ToolCallPart => part.type === 'tool-call');
      for (const call of calls)
        toolCalls.push({ id: call.toolCallId, name: call.toolName, arguments: call.input });
      if (calls.length === 0 || steps >= args.maxSteps) break;
      messages.push({
        role: 'assistant',
        content: outcome.content.filter((part) => part.type !== 'reasoning'),
      });
      messages.push({
        role: 'tool',
        content: calls.map((call) =>
          results.has(call.toolName)
            ? {
                type: 'tool-result',
                toolCallId: call.toolCallId,
                toolName: call.toolName,
                output: results.get(call.toolName),
              }
            : {
                type: 'tool-result',
                toolCallId: call.toolCallId,
                toolName: call.toolName,
                output: { error: `unknown tool '${call.toolName}'` },
                isError: true,
              },
        ),
      });
    }
  } catch (error) {
    if (live) io.stdout.write('\n');
    if (args.json) writeJsonLine(io.stdout, { error: chatErrorObject(error) });
    else io.stderr.write(`baton: chat failed: ${chatErrorObject(error).message}\n`);
    return 1;
  }
  if (args.json) {
    writeJsonLine(io.stdout, { text, toolCalls, usage, finishReason, steps });
  } else {
    if (live) io.stdout.write('\n');
    else io.stdout.write(`${text}\n`);
    for (const call of toolCalls)
      io.stderr.write(`tool call ${call.name}(${JSON.stringify(call.arguments)})\n`);
    io.stderr.write(
      `${steps} step(s), ${usage.inputTokens} input + ${usage.outputTokens} output tokens, finish: ${finishReason}\n`,
    );
  }
  return 0;
}

/** `baton chat`: one prompt to any provider, with an optional fixed-result tool loop. */
export const chatCommand: Command = async (argv, io) => {
  const args = parseArgs(argv);
  if (args === 'help') {
    io.stdout.write(usage);
    return 0;
  }
  return chat(args, io);
};
