import {
  AuthenticationError,
  InvalidRequestError,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
} from '@baton/core/contracts';
import { describe, expect, it } from 'vitest';
import { geminiErrorFromResponse, parseGeminiRetryDelayMs } from '../src/gemini-error.js';

const body = (code: number, status: string, details?: unknown[]) => ({
  error: { code, message: `the ${status}`, status, ...(details ? { details } : {}) },
});

describe('geminiErrorFromResponse', () => {
  it.each([
    [400, 'INVALID_ARGUMENT', InvalidRequestError, false],
    [400, 'FAILED_PRECONDITION', InvalidRequestError, false],
    [401, 'UNAUTHENTICATED', AuthenticationError, false],
    [403, 'PERMISSION_DENIED', AuthenticationError, false],
    [404, 'NOT_FOUND', InvalidRequestError, false],
    [429, 'RESOURCE_EXHAUSTED', RateLimitError, true],
    [500, 'INTERNAL', ProviderUnavailableError, true],
    [503, 'UNAVAILABLE', ProviderUnavailableError, true],
    [504, 'DEADLINE_EXCEEDED', ProviderUnavailableError, true],
  ] as const)('%i %s → %s', (status, rpc, Class, retryable) => {
    const error = geminiErrorFromResponse({ status, headers: {}, body: body(status, rpc) });
    expect(Class.isInstance(error)).toBe(true);
    expect(error.retryable).toBe(retryable);
    expect(error.provider).toMatchObject({ provider: 'gemini', status, type: rpc });
    expect(error.message).toContain(`the ${rpc}`);
  });

  it('maps a 400 with ErrorInfo API_KEY_INVALID to AuthenticationError', () => {
    const error = geminiErrorFromResponse({
      status: 400,
      headers: {},
      body: body(400, 'INVALID_ARGUMENT', [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'API_KEY_INVALID',
          domain: 'googleapis.com',
        },
      ]),
    });
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error.provider).toMatchObject({ status: 400, type: 'INVALID_ARGUMENT', code: 'API_KEY_INVALID' });
  });

  it('takes the 429 wait from RetryInfo, else retry-after', () => {
    const withInfo = geminiErrorFromResponse({
      status: 429,
      headers: { 'retry-after': '9' },
      body: body(429, 'RESOURCE_EXHAUSTED', [
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1.5s' },
      ]),
    });
    expect((withInfo as RateLimitError).retryAfterMs).toBe(1500);
    const withHeader = geminiErrorFromResponse({
      status: 429,
      headers: { 'retry-after': '9' },
      body: body(429, 'RESOURCE_EXHAUSTED'),
    });
    expect((withHeader as RateLimitError).retryAfterMs).toBe(9000);
  });

  it('maps an in-stream error object by its rpc status', () => {
    const error = geminiErrorFromResponse({ headers: {}, body: body(503, 'UNAVAILABLE') });
    expect(ProviderUnavailableError.isInstance(error)).toBe(true);
    expect(error.provider?.status).toBe(503);
  });

  it('never treats a gateway text body as a crash', () => {
    const error = geminiErrorFromResponse({ status: 502, headers: {}, body: '<html>bad gateway</html>' });
    expect(ProviderUnavailableError.isInstance(error)).toBe(true);
    expect(TimeoutError.isInstance(error)).toBe(false);
  });
});

describe('parseGeminiRetryDelayMs', () => {
  it.each([
    ['30s', 30_000],
    ['1.5s', 1500],
    ['0s', 0],
    ['soon', undefined],
  ])('%s → %s', (retryDelay, expected) => {
    expect(
      parseGeminiRetryDelayMs([{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay }]),
    ).toBe(expected);
  });
});
