import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WireServer } from '@baton/testing';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { runCli } from './run-cli.js';

/** A tools file with one fixed-result tool, as `baton chat --tools FILE` reads it. */
export const weatherTools = [
  {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    result: { temperatureC: 21 },
  },
];

/**
 * One provider's wire server for a `baton chat` test file: started before the tests, reset
 * before each, closed after; `chat(args)` runs the CLI against it from a folder holding
 * `tools.json`.
 */
export function useChatHarness(options: {
  start: () => Promise<WireServer>;
  provider: string;
  model: string;
  /** Appended to the server's URL for `--base-url` (e.g. `/v1`). */
  basePath?: string;
  env: NodeJS.ProcessEnv;
}) {
  let server: WireServer | undefined;
  let dir = '';
  beforeAll(async () => {
    server = await options.start();
    dir = await mkdtemp(join(tmpdir(), `baton-chat-${options.provider}-`));
    await writeFile(join(dir, 'tools.json'), JSON.stringify(weatherTools));
  });
  afterAll(() => server?.close());
  beforeEach(() => server?.reset());
  return {
    get server(): WireServer {
      if (!server) throw new Error('the wire server starts in beforeAll');
      return server;
    },
    chat: (args: string[], env: NodeJS.ProcessEnv = options.env) =>
      runCli(
        [
          'chat',
          '--provider',
          options.provider,
          '--model',
          options.model,
          '--base-url',
          `${server!.url}${options.basePath ?? ''}`,
          ...args,
        ],
        { env, cwd: dir },
      ),
  };
}
