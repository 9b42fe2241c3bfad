import { AuthenticationError } from '@baton/core/contracts';
import { describe, expect, it } from 'vitest';
import { loadApiKey } from '../src/load-api-key.js';

describe('loadApiKey', () => {
  it.each<[string, string | undefined, Record<string, string>, string]>([
    ['option wins', 'sk-option', { OPENAI_API_KEY: 'sk-env' }, 'sk-option'],
    ['environment', undefined, { OPENAI_API_KEY: 'sk-env' }, 'sk-env'],
    ['empty option falls back', '', { OPENAI_API_KEY: 'sk-env' }, 'sk-env'],
    ['environment trimmed', undefined, { OPENAI_API_KEY: ' sk-env\n' }, 'sk-env'],
  ])('%s', (_name, apiKey, env, expected) => {
    expect(loadApiKey({ apiKey, environmentVariable: 'OPENAI_API_KEY', provider: 'OpenAI', env })).toBe(
      expected,
    );
  });

  it('throws AuthenticationError naming the option and the variable', () => {
    let error: unknown;
    try {
      loadApiKey({
        environmentVariable: 'OPENAI_API_KEY',
        provider: 'OpenAI',
        env: { OPENAI_API_KEY: '  ' },
      });
    } catch (e) {
      error = e;
    }
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('OPENAI_API_KEY');
    expect((error as Error).message).toContain('apiKey');
  });
});
