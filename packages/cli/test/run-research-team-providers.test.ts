import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunReportSchema } from '@baton/core';
import {
  BEDROCK_TEST_CREDENTIALS,
  startAnthropicWireServer,
  startBedrockWireServer,
  startGeminiWireServer,
  type WireRequest,
  type WireServer,
} from '@baton/testing';
import { afterAll, describe, expect, it } from 'vitest';
import {
  anthropicTurn,
  bedrockTurn,
  geminiTurn,
  researchTeamScenario,
  type TeamTurn,
} from './helpers/research-team-responder.js';
import { repoRoot, runCli } from './helpers/run-cli.js';

// The research-team demo, unchanged, on each provider against its wire server: only the model
// reference and the provider's endpoint (baton.config.json) change.
const servers: WireServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

const cases: {
  provider: string;
  model: string;
  start: (respond: (request: WireRequest) => ReturnType<typeof researchTeamScenario>) => Promise<WireServer>;
  read: (request: WireRequest) => TeamTurn;
  settings: (url: string) => Record<string, string>;
  env: NodeJS.ProcessEnv;
  signed: (request: WireRequest) => boolean;
}[] = [
  {
    provider: 'anthropic',
    model: 'claude-haiku-4-5',
    start: (respond) => startAnthropicWireServer({ respond }),
    read: anthropicTurn,
    settings: (url) => ({ baseURL: `${url}/v1`, apiKey: 'sk-ant-test' }),
    env: {},
    signed: (r) =>
      r.headers['x-api-key'] === 'sk-ant-test' && r.headers['anthropic-version'] === '2023-06-01',
  },
  {
    provider: 'gemini',
    model: 'gemini-2.5-flash',
    start: (respond) => startGeminiWireServer({ respond }),
    read: geminiTurn,
    settings: (url) => ({ baseURL: `${url}/v1beta`, apiKey: 'gm-test' }),
    env: {},
    signed: (r) => r.headers['x-goog-api-key'] === 'gm-test',
  },
  {
    provider: 'bedrock',
    model: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
    start: (respond) => startBedrockWireServer({ respond }),
    read: bedrockTurn,
    settings: (url) => ({ baseURL: url }),
    env: {
      AWS_ACCESS_KEY_ID: BEDROCK_TEST_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: BEDROCK_TEST_CREDENTIALS.secretAccessKey,
      AWS_REGION: 'us-east-1',
    },
    signed: (r) =>
      r.headers.authorization?.startsWith('AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/') === true,
  },
];

describe('baton run research-team on hosted providers (wire servers)', () => {
  it.each(cases)(
    'runs unchanged on $provider',
    async ({ provider, model, start, read, settings, env, signed }) => {
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
        {
          cwd,
          env,
        },
      );
      expect(result.stderr).not.toMatch(/error/i);
      expect(result.code).toBe(0);
      const report = RunReportSchema.parse(JSON.parse(result.stdout));
      expect(report.status).toBe('succeeded');
      expect(report.tasks.filter((t) => t.agent === 'reader')).toHaveLength(20);
      expect(report.totals.modelCalls).toBe(server.requests.length);
      expect(server.requests.every(signed)).toBe(true);
      // Readers ran the tool loop: their second call carried the tool results in this provider's shape.
      expect(report.totals.toolCalls).toBeGreaterThanOrEqual(20);
      expect(server.requests.filter((r) => read(r).results.length > 0).length).toBeGreaterThanOrEqual(20);
      expect(report.totals.usage.inputTokens).toBeGreaterThan(0);
      // Priced from the default price table.
      expect(report.totals.costUsd).toBeGreaterThan(0);
      expect(report.permissions.escaped).toBe(0);
    },
  );
});
