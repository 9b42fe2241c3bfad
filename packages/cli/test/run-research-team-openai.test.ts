import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunReportSchema } from '@baton/core';
import {
  startOllamaWireServer,
  startOpenAIWireServer,
  type WireRequest,
  type WireServer,
} from '@baton/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { researchTeamScenario, type TeamTurn } from './helpers/research-team-responder.js';
import { repoRoot, runCli } from './helpers/run-cli.js';

// The research-team demo, unchanged, on OpenAI (Chat Completions and Responses) and Ollama
// against their wire servers: only the model reference and the endpoint change.
const servers: WireServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

const parse = (text: unknown): unknown => {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** Chat Completions and Ollama: `tools[].function.name`, user `content`, `role: 'tool'` messages. */
function chatTurn(request: WireRequest): TeamTurn {
  const body = request.body as {
    tools?: { function: { name: string } }[];
    messages: { role: string; content: unknown }[];
  };
  const last = body.messages.findLastIndex((m) => m.role === 'user');
  const content = body.messages[last]?.content;
  return {
    tools: new Set(body.tools?.map((t) => t.function.name) ?? []),
    task:
      typeof content === 'string'
        ? content
        : ((content as { type: string; text?: string }[] | undefined) ?? [])
            .map((p) => p.text ?? '')
            .join(''),
    results: body.messages
      .slice(last + 1)
      .filter((m) => m.role === 'tool')
      .map((m) => {
        const output = parse(m.content);
        return { output, isError: typeof output === 'object' && output !== null && 'error' in output };
      }),
  };
}

/** Responses: `tools[].name`, user `input_text`, `function_call_output` items. */
function responsesTurn(request: WireRequest): TeamTurn {
  const body = request.body as {
    tools?: { name: string }[];
    input: { role?: string; type?: string; content?: unknown; output?: string }[];
  };
  const last = body.input.findLastIndex((item) => item.role === 'user');
  const content = body.input[last]?.content as { text?: string }[] | undefined;
  return {
    tools: new Set(body.tools?.map((t) => t.name) ?? []),
    task: (content ?? []).map((p) => p.text ?? '').join(''),
    results: body.input
      .slice(last + 1)
      .filter((item) => item.type === 'function_call_output')
      .map((item) => {
        const output = parse(item.output);
        return { output, isError: typeof output === 'object' && output !== null && 'error' in output };
      }),
  };
}

const cases = [
  {
    provider: 'openai',
    model: 'gpt-4o-mini',
    start: (respond: (r: WireRequest) => ReturnType<typeof researchTeamScenario>) =>
      startOpenAIWireServer({ respond }),
    read: chatTurn,
    settings: (url: string) => ({ baseURL: `${url}/v1`, apiKey: 'sk-test' }),
    path: '/v1/chat/completions',
    priced: true,
  },
  {
    provider: 'openai-responses',
    model: 'gpt-4.1-mini',
    start: (respond: (r: WireRequest) => ReturnType<typeof researchTeamScenario>) =>
      startOpenAIWireServer({ respond }),
    read: responsesTurn,
    settings: (url: string) => ({ baseURL: `${url}/v1`, apiKey: 'sk-test' }),
    path: '/v1/responses',
    priced: true,
  },
  {
    provider: 'ollama',
    model: 'llama3.2',
    start: (respond: (r: WireRequest) => ReturnType<typeof researchTeamScenario>) =>
      startOllamaWireServer({ respond }),
    read: chatTurn,
    settings: (url: string) => ({ baseURL: url }),
    path: '/api/chat',
    priced: false,
  },
];

describe('baton run research-team on OpenAI and Ollama (wire servers)', () => {
  it.each(cases)(
    'runs unchanged on $provider',
    async ({ provider, model, start, read, settings, path, priced }) => {
      const server = await start((request) => researchTeamScenario(read(request)));
      servers.push(server);
      const cwd = mkdtempSync(join(tmpdir(), `baton-run-${provider}-`));
      writeFileSync(
        join(cwd, 'baton.config.json'),
        JSON.stringify({ providers: { [provider]: settings(server.url) } }),
      );
      const result = await runCli(
        [
          'run',
          join(repoRoot, 'apps/research-team'),
          '--model',
          `${provider}:${model}`,
          '--out',
          join(cwd, 'out'),
          '--json',
        ],
        { cwd, env: {} },
      );
      expect(result.stderr).not.toMatch(/error/i);
      expect(result.code).toBe(0);
      const report = RunReportSchema.parse(JSON.parse(result.stdout));
      expect(report.status).toBe('succeeded');
      expect(report.tasks.filter((t) => t.agent === 'reader')).toHaveLength(20);
      expect(report.totals.modelCalls).toBe(server.requests.length);
      expect(server.requests.every((r) => r.path === path)).toBe(true);
      expect(server.unscripted).toHaveLength(0);
      // Readers ran the tool loop: their second call carried the tool results in this provider's shape.
      expect(report.totals.toolCalls).toBeGreaterThanOrEqual(20);
      expect(server.requests.filter((r) => read(r).results.length > 0).length).toBeGreaterThanOrEqual(20);
      expect(report.totals.usage.inputTokens).toBeGreaterThan(0);
      if (priced) expect(report.totals.costUsd).toBeGreaterThan(0);
      else expect(report.totals.costUsd).toBe(0);
      expect(report.permissions.escaped).toBe(0);
    },
  );
});
