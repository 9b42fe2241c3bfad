import { ProviderUnavailableError } from '@baton/core/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseWireResponse } from '../src/index.js';

const schema = z.object({ id: z.string(), choices: z.array(z.object({ text: z.string() })) });

describe('parseWireResponse', () => {
  it('returns the parsed body', () => {
    expect(parseWireResponse(schema, { id: 'r1', choices: [{ text: 'hi' }] }, { provider: 'p' })).toEqual({
      id: 'r1',
      choices: [{ text: 'hi' }],
    });
  });

  it('fails non-retryably, naming the field and keeping the body, status and headers', () => {
    const body = { id: 'r1', choices: [{ text: 7 }] };
    let error: unknown;
    try {
      parseWireResponse(schema, body, {
        provider: 'acme',
        what: 'chat completion',
        status: 200,
        headers: { a: 'b' },
      });
    } catch (e) {
      error = e;
    }
    expect(ProviderUnavailableError.isInstance(error)).toBe(true);
    const failure = error as ProviderUnavailableError;
    expect(failure.message).toMatch(/^acme: unexpected chat completion shape: choices\.0\.text: /);
    expect(failure.retryable).toBe(false);
    expect(failure.provider).toMatchObject({ provider: 'acme', status: 200, body, headers: { a: 'b' } });
  });
});
