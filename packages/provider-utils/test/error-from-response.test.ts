import {
  AuthenticationError,
  InvalidRequestError,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
} from '@baton/core/contracts';
import { describe, expect, it } from 'vitest';
import { errorFromResponse } from '../src/error-from-response.js';

describe('errorFromResponse', () => {
  it.each<[number, string, boolean]>([
    [400, 'InvalidRequestError', false],
    [404, 'InvalidRequestError', false],
    [409, 'InvalidRequestError', true],
    [413, 'InvalidRequestError', false],
    [422, 'InvalidRequestError', false],
    [401, 'AuthenticationError', false],
    [403, 'AuthenticationError', false],
    [408, 'TimeoutError', true],
    [429, 'RateLimitError', true],
    [500, 'ProviderUnavailableError', true],
    [502, 'ProviderUnavailableError', true],
    [503, 'ProviderUnavailableError', true],
    [504, 'ProviderUnavailableError', true],
    [529, 'ProviderUnavailableError', true],
    [418, 'InvalidRequestError', false],
  ])('HTTP %i → %s (retryable %s)', (status, name, retryable) => {
    const error = errorFromResponse({ provider: 'openai', status, headers: {}, body: { error: {} } });
    expect(error.name).toBe(name);
    expect(error.retryable).toBe(retryable);
    expect(error.provider).toMatchObject({ provider: 'openai', status });
  });

  it('keeps the provider type, code, body and headers and uses the message', () => {
    const body = { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } };
    const error = errorFromResponse({
      provider: 'openai',
      status: 429,
      headers: { 'retry-after': '3' },
      body,
      message: 'Rate limit reached',
      type: 'requests',
      code: 'rate_limit_exceeded',
    });
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect((error as RateLimitError).retryAfterMs).toBe(3000);
    expect(error.message).toBe('openai HTTP 429: Rate limit reached');
    expect(error.provider).toEqual({
      provider: 'openai',
      status: 429,
      type: 'requests',
      code: 'rate_limit_exceeded',
      body,
      headers: { 'retry-after': '3' },
    });
  });

  it('honours x-should-retry', () => {
    expect(
      errorFromResponse({ provider: 'p', status: 500, headers: { 'x-should-retry': 'false' }, body: '' })
        .retryable,
    ).toBe(false);
    expect(
      errorFromResponse({ provider: 'p', status: 400, headers: { 'x-should-retry': 'true' }, body: '' })
        .retryable,
    ).toBe(true);
  });

  it('uses a text body as the message when no message was parsed', () => {
    const error = errorFromResponse({ provider: 'p', status: 502, headers: {}, body: 'Bad Gateway' });
    expect(ProviderUnavailableError.isInstance(error)).toBe(true);
    expect(error.message).toBe('p HTTP 502: Bad Gateway');
  });

  it('subclasses are recognisable', () => {
    expect(
      AuthenticationError.isInstance(
        errorFromResponse({ provider: 'p', status: 401, headers: {}, body: '' }),
      ),
    ).toBe(true);
    expect(
      TimeoutError.isInstance(errorFromResponse({ provider: 'p', status: 408, headers: {}, body: '' })),
    ).toBe(true);
    expect(
      InvalidRequestError.isInstance(
        errorFromResponse({ provider: 'p', status: 400, headers: {}, body: '' }),
      ),
    ).toBe(true);
  });
});
