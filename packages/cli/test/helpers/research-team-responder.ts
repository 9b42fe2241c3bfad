import { textScenario, toolCallsScenario, type WireRequest, type WireScenario } from '@baton/testing';

/** What a model needs to know to play a research-team role, read back from any provider's wire format. */
export interface TeamTurn {
  /** Names of the tools offered. */
  tools: Set<string>;
  /** Text of the last user message. */
  task: string;
  /** Tool results after that message. */
  results: { output: unknown; isError: boolean }[];
}

type Json = Record<string, unknown>;
const parse = (text: unknown): unknown => {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** Anthropic Messages: `tools[].name`, user text blocks, `tool_result` blocks. */
export function anthropicTurn(request: WireRequest): TeamTurn {
  const body = request.body as { tools?: { name: string }[]; messages: { role: string; content: Json[] }[] };
  return turnOf(
    body.tools?.map((t) => t.name) ?? [],
    body.messages.map((m) => ({
      role: m.role,
      texts: m.content.filter((b) => b.type === 'text').map((b) => String(b.text)),
      results: m.content
        .filter((b) => b.type === 'tool_result')
        .map((b) => ({ output: parse(b.content), isError: b.is_error === true })),
    })),
  );
}

/** Gemini: `functionDeclarations[].name`, user text parts, `functionResponse` parts. */
export function geminiTurn(request: WireRequest): TeamTurn {
  const body = request.body as {
    tools?: { functionDeclarations: { name: string }[] }[];
    contents: { role: string; parts: Json[] }[];
  };
  return turnOf(
    body.tools?.flatMap((t) => t.functionDeclarations.map((f) => f.name)) ?? [],
    body.contents.map((c) => ({
      role: c.role,
      texts: c.parts.filter((p) => typeof p.text === 'string').map((p) => String(p.text)),
      results: c.parts
        .filter((p) => p.functionResponse)
        .map((p) => {
          const response = (p.functionResponse as { response: Json }).response;
          return 'error' in response
            ? { output: response.error, isError: true }
            : { output: response.output, isError: false };
        }),
    })),
  );
}

/** Bedrock Converse: `toolSpec.name`, user text blocks, `toolResult` blocks. */
export function bedrockTurn(request: WireRequest): TeamTurn {
  const body = request.body as {
    toolConfig?: { tools: { toolSpec?: { name: string } }[] };
    messages: { role: string; content: Json[] }[];
  };
  return turnOf(
    body.toolConfig?.tools.flatMap((t) => (t.toolSpec ? [t.toolSpec.name] : [])) ?? [],
    body.messages.map((m) => ({
      role: m.role,
      texts: m.content.filter((b) => typeof b.text === 'string').map((b) => String(b.text)),
      results: m.content
        .filter((b) => b.toolResult)
        .map((b) => {
          const result = b.toolResult as { content: Json[]; status?: string };
          const first = result.content[0] ?? {};
          return {
            output: 'json' in first ? first.json : parse(first.text),
            isError: result.status === 'error',
          };
        }),
    })),
  );
}

function turnOf(
  tools: string[],
  messages: { role: string; texts: string[]; results: TeamTurn['results'] }[],
): TeamTurn {
  const last = messages.findLastIndex((m) => m.role === 'user' && m.texts.length > 0);
  return {
    tools: new Set(tools),
    task: messages[last]?.texts.join('') ?? '',
    results: messages.slice(last + 1).flatMap((m) => m.results),
  };
}

let calls = 0;

/**
 * Plays each research-team role, like apps/research-team's scripted model but at the wire:
 * readers call `read_documents` and summarize with `[id]` citations, the publisher calls
 * `send_email`, the supervisor plans and keeps the cited lines.
 */
export function researchTeamScenario(turn: TeamTurn): WireScenario {
  const usage = { inputTokens: 40 + Math.ceil(turn.task.length / 4), outputTokens: 12 };
  const call = (name: string, args: Record<string, unknown>) =>
    toolCallsScenario([{ id: `toolu_team_${++calls}`, name, arguments: args }], { usage });
  if (turn.tools.has('read_documents')) {
    if (turn.results.length === 0)
      return call('read_documents', { group: /"([^"]+)"/.exec(turn.task)?.[1] ?? '' });
    const output = turn.results[0]!.output as { documents?: { id: string; text: string }[] };
    if (turn.results[0]!.isError || !output.documents)
      return textScenario('The group could not be read.', { usage });
    const summary = output.documents.map(
      (d) => `${/^[^\n]*\n+([^\n]+?\.)(\s|$)/.exec(d.text)?.[1] ?? d.text.slice(0, 80)} [${d.id}]`,
    );
    return textScenario(summary.join(' '), { usage });
  }
  if (turn.tools.has('send_email')) {
    if (turn.results.length === 0) {
      const to = /[\w.+-]+@[\w-]+(\.[\w-]+)+/.exec(turn.task)?.[0] ?? '';
      return call('send_email', { to, subject: 'Research summary', body: 'Summary attached.' });
    }
    return textScenario(turn.results[0]!.isError ? 'The summary was not sent.' : 'The summary was sent.', {
      usage,
    });
  }
  if (turn.task.startsWith('Plan:'))
    return textScenario('- measures that reduced emergency visits\n- cost per resident reached', { usage });
  const cited = turn.task.split('\n').filter((line) => /\[[a-z0-9-]+\]/.test(line));
  return textScenario(cited.slice(0, 6).join('\n') || 'No findings.', { usage });
}
