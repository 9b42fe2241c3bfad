import {
  AuthenticationError,
  InvalidRequestError,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
} from '@baton/core/contracts';
import { describe, expect, it } from 'vitest';
import { anthropicErrorFromResponse, anthropicErrorFromStreamEvent } from '../src/anthropic-error.js';

const body = (type: string, message: string) => ({
  type: 'error',
  error: { type, message },
  request_id: 'req_1',
});

describe('anthropicErrorFromResponse', () => {
  it.each([
    [400, 'invalid_request_error', InvalidRequestError, false],
    [401, 'authentication_error', AuthenticationError, false],
    [403, 'permission_error', AuthenticationError, false],
    [404, 'not_found_error', InvalidRequestError, false],
    [413, 'request_too_large', InvalidRequestError, false],
    [429, 'rate_limit_error', RateLimitError, true],
    [500, 'api_error', ProviderUnavailableError, true],
    [504, 'timeout_error', ProviderUnavailableError, true],
    [529, 'overloaded_error', ProviderUnavailableError, true],
  ] as const)('%i %s → %s', (status, type, Class, retryable) => {
    const error = anthropicErrorFromResponse({ status, headers: {}, body: body(type, `the ${type}`) });
    expect(Class.isInstance(error)).toBe(true);
    expect(error.retryable).toBe(retryable);
    expect(error.provider).toMatchObject({ provider: 'anthropic', status, type });
    expect(error.message).toContain(`the ${type}`);
  });

  it('reads retry-after on a 429', () => {
    const error = anthropicErrorFromResponse({
      status: 429,
      headers: { 'retry-after': '7' },
      body: body('rate_limit_error', 'slow'),
    });
    expect((error as RateLimitError).retryAfterMs).toBe(7000);
  });

  it('keeps a non-JSON body', () => {
    const error = anthropicErrorFromResponse({ status: 502, headers: {}, body: '<html>Bad gateway</html>' });
    expect(ProviderUnavailableError.isInstance(error)).toBe(true);
    expect(error.provider?.body).toBe('<html>Bad gateway</html>');
  });
});

describe('anthropicErrorFromStreamEvent', () => {
  it.each([
    ['overloaded_error', ProviderUnavailableError, 529, true],
    ['api_error', ProviderUnavailableError, 500, true],
    ['rate_limit_error', RateLimitError, 429, true],
    ['invalid_request_error', InvalidRequestError, 400, false],
    ['timeout_error', ProviderUnavailableError, 504, true],
    ['brand_new_error', ProviderUnavailableError, 500, true],
  ] as const)('%s → %s (status %i)', (type, Class, status, retryable) => {
    const error = anthropicErrorFromStreamEvent({ error: { type, message: 'Overloaded' } }, {});
    expect(Class.isInstance(error)).toBe(true);
    expect(error.retryable).toBe(retryable);
    expect(error.provider).toMatchObject({ status, type });
  });

  it('is never a TimeoutError for an in-stream timeout (the stream was alive)', () => {
    expect(
      TimeoutError.isInstance(anthropicErrorFromStreamEvent({ error: { type: 'timeout_error' } }, {})),
    ).toBe(false);
  });
});
