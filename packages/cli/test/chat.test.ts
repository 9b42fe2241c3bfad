import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  errorScenario,
  rateLimitScenario,
  slowScenario,
  startOllamaWireServer,
  startOpenAIWireServer,
  textScenario,
  toolCallsScenario,
  type WireServer,
} from '@baton/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

let openai: WireServer;
let ollama: WireServer;
let dir: string;
let toolsFile: string;

beforeAll(async () => {
  openai = await startOpenAIWireServer();
  ollama = await startOllamaWireServer();
  dir = await mkdtemp(join(tmpdir(), 'baton-chat-'));
  toolsFile = join(dir, 'tools.json');
  await writeFile(
    toolsFile,
    JSON.stringify([
      {
        name: 'get_weather',
        description: 'Weather for a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        result: { temperatureC: 21, sky: 'clear' },
      },
      {
        name: 'get_time',
        description: 'Local time',
        parameters: { type: 'object', properties: {} },
        result: '14:05',
      },
    ]),
  );
});
afterAll(async () => {
  await openai.close();
  await ollama.close();
});
beforeEach(() => {
  openai.reset();
  ollama.reset();
});

const chat = (args: string[], env: NodeJS.ProcessEnv = { OPENAI_API_KEY: 'sk-test' }) =>
  runCli(
    ['chat', '--provider', 'openai', '--model', 'gpt-4o-mini', '--base-url', `${openai.url}/v1`, ...args],
    {
      env,
      cwd: dir,
    },
  );

describe('baton chat', () => {
  it('prints the contract JSON for a plain answer', async () => {
    openai.enqueue(textScenario('Hello there.', { usage: { inputTokens: 11, outputTokens: 3 } }));
    const { code, stdout } = await chat(['--json', 'Say hello']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      text: 'Hello there.',
      toolCalls: [],
      usage: { inputTokens: 11, outputTokens: 3 },
      finishReason: 'stop',
      steps: 1,
    });
    expect(openai.requests[0]!.headers.authorization).toBe('Bearer sk-test');
    expect(openai.requests[0]!.body).toMatchObject({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Say hello' }],
    });
  });

  it('runs the tool loop with fixed results, listing every call and summing usage', async () => {
    openai.enqueue(
      toolCallsScenario(
        [
          { id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } },
          { id: 'call_2', name: 'get_time', arguments: {} },
        ],
        { usage: { inputTokens: 20, outputTokens: 10 } },
      ),
      toolCallsScenario([{ id: 'call_3', name: 'get_weather', arguments: { city: 'Oslo' } }], {
        usage: { inputTokens: 30, outputTokens: 5 },
      }),
      textScenario('Paris is clear at 21C.', { usage: { inputTokens: 40, outputTokens: 8 } }),
    );
    const { code, stdout } = await chat([
      '--tools',
      'tools.json',
      '--system',
      'Use tools.',
      '--max-tokens',
      '200',
      '--json',
      'Weather?',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      text: 'Paris is clear at 21C.',
      toolCalls: [
        { id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } },
        { id: 'call_2', name: 'get_time', arguments: {} },
        { id: 'call_3', name: 'get_weather', arguments: { city: 'Oslo' } },
      ],
      usage: { inputTokens: 90, outputTokens: 23 },
      finishReason: 'stop',
      steps: 3,
    });
    expect(openai.requests).toHaveLength(3);
    const second = openai.requests[1]!.body as {
      messages: unknown[];
      tools: unknown[];
      max_completion_tokens: number;
    };
    expect(second.max_completion_tokens).toBe(200);
    expect(second.tools).toHaveLength(2);
    expect(second.messages).toEqual([
      { role: 'system', content: 'Use tools.' },
      { role: 'user', content: 'Weather?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
          { id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '{"temperatureC":21,"sky":"clear"}' },
      { role: 'tool', tool_call_id: 'call_2', content: '14:05' },
    ]);
  });

  it('--max-steps 1 is a single turn', async () => {
    openai.enqueue(toolCallsScenario([{ id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }]));
    const { code, stdout } = await chat(['--tools', toolsFile, '--max-steps', '1', '--json', 'Weather?']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.steps).toBe(1);
    expect(out.finishReason).toBe('tool-calls');
    expect(out.toolCalls).toEqual([{ id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }]);
    expect(openai.requests).toHaveLength(1);
  });

  it('--stream uses SSE and prints the same shape', async () => {
    openai.enqueue(
      toolCallsScenario([{ id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }]),
      textScenario('Streamed answer.'),
    );
    const { code, stdout } = await chat(['--stream', '--tools', toolsFile, '--json', 'Weather?']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ text: 'Streamed answer.', finishReason: 'stop', steps: 2 });
    expect(out.toolCalls).toEqual([{ id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }]);
    expect(openai.requests[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('without --json prints the text', async () => {
    openai.enqueue(textScenario('Plain text.'));
    const { code, stdout } = await chat(['Hi']);
    expect(code).toBe(0);
    expect(stdout).toBe('Plain text.\n');
  });

  it('a 401 prints { error } with the provider status, type and code, exits 1, and is not retried', async () => {
    openai.enqueue(errorScenario(401), textScenario('unused'));
    const { code, stdout } = await chat(['--json', 'Hi']);
    expect(code).toBe(1);
    const { error } = JSON.parse(stdout);
    expect(error).toMatchObject({ status: 401, type: 'invalid_request_error', code: 'invalid_api_key' });
    expect(error.message).toContain('Incorrect API key');
    expect(openai.requests).toHaveLength(1);
  });

  it('a 400 is never retried', async () => {
    openai.enqueue(
      errorScenario(400, { message: 'Bad param', code: 'invalid_value' }),
      textScenario('unused'),
    );
    const { code, stdout } = await chat(['--json', 'Hi']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).error).toEqual({
      status: 400,
      type: 'invalid_request_error',
      code: 'invalid_value',
      message: 'openai HTTP 400: Bad param',
    });
    expect(openai.requests).toHaveLength(1);
  });

  it('retries a 429 honouring Retry-After, then succeeds', async () => {
    openai.enqueue(
      rateLimitScenario({ retryAfterSeconds: undefined, retryAfterMs: 5 }),
      textScenario('After the wait.'),
    );
    const { code, stdout } = await chat(['--json', 'Hi']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).text).toBe('After the wait.');
    expect(openai.requests).toHaveLength(2);
  });

  it('gives up after 2 retries of a 5xx and prints the last error', async () => {
    const failing = { type: 'server-error' as const, status: 503, headers: { 'retry-after-ms': '1' } };
    openai.enqueue(failing, failing, failing, textScenario('unused'));
    const { code, stdout } = await chat(['--json', 'Hi']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).error).toMatchObject({ status: 503, type: 'server_error', code: null });
    expect(openai.requests).toHaveLength(3);
  });

  it('a missing key is an authentication failure printed as { error }, with no request sent', async () => {
    const { code, stdout } = await chat(['--json', 'Hi'], {});
    expect(code).toBe(1);
    const { error } = JSON.parse(stdout);
    expect(error).toMatchObject({ status: null, type: 'authentication', code: null });
    expect(error.message).toContain('OPENAI_API_KEY');
    expect(openai.requests).toHaveLength(0);
  });

  it('--api-key wins over the environment', async () => {
    openai.enqueue(textScenario('ok'));
    await chat(['--api-key', 'sk-flag', '--json', 'Hi'], { OPENAI_API_KEY: 'sk-env' });
    expect(openai.requests[0]!.headers.authorization).toBe('Bearer sk-flag');
  });

  it('--timeout-ms turns a slow response into a timeout error', async () => {
    openai.enqueue(slowScenario(2000, textScenario('too late')));
    const { code, stdout } = await chat(['--timeout-ms', '50', '--json', 'Hi']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).error).toMatchObject({ type: 'timeout', status: null });
  });

  it('works with --provider openai-responses', async () => {
    openai.enqueue(
      toolCallsScenario([{ id: 'call_r', name: 'get_time', arguments: {} }]),
      textScenario('It is 14:05.'),
    );
    const { code, stdout } = await runCli(
      [
        'chat',
        '--provider',
        'openai-responses',
        '--model',
        'gpt-4.1-mini',
        '--base-url',
        `${openai.url}/v1`,
        '--tools',
        toolsFile,
        '--json',
        'Time?',
      ],
      { env: { OPENAI_API_KEY: 'sk-test' }, cwd: dir },
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      text: 'It is 14:05.',
      steps: 2,
      toolCalls: [{ id: 'call_r', name: 'get_time', arguments: {} }],
    });
    expect(openai.requests[1]!.path).toBe('/v1/responses');
    expect((openai.requests[1]!.body as { input: unknown[] }).input).toContainEqual({
      type: 'function_call_output',
      call_id: 'call_r',
      output: '14:05',
    });
  });

  it('works with --provider ollama (no key needed)', async () => {
    ollama.enqueue(
      toolCallsScenario([{ id: 'call_o', name: 'get_weather', arguments: { city: 'Paris' } }]),
      textScenario('Clear.'),
    );
    const { code, stdout } = await runCli(
      [
        'chat',
        '--provider',
        'ollama',
        '--model',
        'llama3.2',
        '--base-url',
        ollama.url,
        '--tools',
        toolsFile,
        '--stream',
        '--json',
        'Weather?',
      ],
      { env: {}, cwd: dir },
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ text: 'Clear.', steps: 2 });
    expect(ollama.requests[1]!.path).toBe('/api/chat');
    expect((ollama.requests[1]!.body as { messages: unknown[] }).messages).toContainEqual({
      role: 'tool',
      content: '{"temperatureC":21,"sky":"clear"}',
      tool_name: 'get_weather',
      tool_call_id: 'call_o',
    });
  });

  it('works with --provider openai-compatible and an optional key', async () => {
    ollama.enqueue(textScenario('Compatible.'));
    const { code, stdout } = await runCli(
      [
        'chat',
        '--provider',
        'openai-compatible',
        '--model',
        'qwen',
        '--base-url',
        `${ollama.url}/v1`,
        '--json',
        'Hi',
      ],
      { env: {}, cwd: dir },
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout).text).toBe('Compatible.');
    expect(ollama.requests[0]!.headers.authorization).toBeUndefined();
  });

  it.each<[string, string[], RegExp]>([
    ['unknown provider', ['--provider', 'nope', '--model', 'm', 'Hi'], /unknown provider 'nope'/],
    ['missing provider', ['--model', 'm', 'Hi'], /--provider is required/],
    ['missing model', ['--provider', 'openai', 'Hi'], /--model is required/],
    ['missing prompt', ['--provider', 'openai', '--model', 'm', '--json'], /missing the prompt/],
    [
      'bad --max-steps',
      ['--provider', 'openai', '--model', 'm', '--max-steps', '0', 'Hi'],
      /--max-steps must be a positive integer/,
    ],
    ['unknown flag', ['--provider', 'openai', '--model', 'm', '--bogus', 'Hi'], /unknown option '--bogus'/],
    [
      'missing tools file',
      ['--provider', 'openai', '--model', 'm', '--tools', 'nope.json', 'Hi'],
      /cannot read --tools file/,
    ],
    [
      'openai-compatible without --base-url',
      ['--provider', 'openai-compatible', '--model', 'm', 'Hi'],
      /baseURL/,
    ],
  ])('bad usage (%s) exits 2 with a one-line reason', async (_name, args, reason) => {
    const { code, stderr } = await runCli(['chat', ...args], { env: { OPENAI_API_KEY: 'k' }, cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(reason);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    ['not JSON', '{nope'],
    ['not an array', '{"name":"x"}'],
    ['bad tool name', '[{"name":"has space","result":1}]'],
    ['duplicate names', '[{"name":"a","result":1},{"name":"a","result":2}]'],
  ])('a malformed tools file (%s) exits 2', async (_name, content) => {
    const file = join(dir, `bad-${_name.replace(/\s/g, '-')}.json`);
    await writeFile(file, content);
    const { code, stderr } = await chat(['--tools', file, '--json', 'Hi']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--tools file/);
    expect(openai.requests).toHaveLength(0);
  });
});
