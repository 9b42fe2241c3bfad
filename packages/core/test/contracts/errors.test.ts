import {
  AuthenticationError,
  BatonError,
  BudgetExceededError,
  CancelledError,
  ContentFilterError,
  InvalidRequestError,
  PermissionDeniedError,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
  ValidationError,
} from '@baton/core/contracts';
import { describe, expect, it } from 'vitest';

describe('errors', () => {
  it.each([
    [new RateLimitError('slow down', { retryAfterMs: 1200, status: 429 }), 'rate_limit', true],
    [new AuthenticationError('bad key', { status: 401 }), 'authentication', false],
    [new InvalidRequestError('bad field'), 'invalid_request', false],
    [new ProviderUnavailableError('overloaded', { status: 529 }), 'provider_unavailable', true],
    [new TimeoutError('too slow'), 'timeout', true],
    [new ContentFilterError('blocked'), 'content_filter', false],
    [new BudgetExceededError('run.tokens', 100, 120), 'budget_exceeded', false],
    [new PermissionDeniedError('fs:write:/etc', 'no grant'), 'permission_denied', false],
    [new ValidationError('bad input'), 'validation', false],
    [new CancelledError('stop'), 'cancelled', false],
  ])('%s has a stable code and retryability', (error, code, retryable) => {
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
    expect(BatonError.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(Error);
  });

  it('recognises errors across installed copies by marker and name', () => {
    const foreign = Object.assign(new Error('x'), {
      name: 'RateLimitError',
      [Symbol.for('baton.error')]: true,
    });
    expect(RateLimitError.isInstance(foreign)).toBe(true);
    expect(TimeoutError.isInstance(foreign)).toBe(false);
    expect(BatonError.isInstance(new Error('plain'))).toBe(false);
  });

  it('keeps the provider view, the cause, and lets a call override retryability', () => {
    const cause = new Error('socket hang up');
    const error = new ProviderUnavailableError('down', {
      cause,
      provider: 'openai',
      status: 503,
      type: 'server_error',
      body: { error: { message: 'down' } },
      retryable: false,
    });
    expect(error.cause).toBe(cause);
    expect(error.retryable).toBe(false);
    expect(error.provider).toMatchObject({ provider: 'openai', status: 503, type: 'server_error' });
    expect(error.toJSON()).toMatchObject({ code: 'provider_unavailable', status: 503, type: 'server_error' });
    expect(new BudgetExceededError('agent:w.costUsd', 1, 2).message).toBe(
      'budget agent:w.costUsd exceeded: requested 2, cap 1',
    );
  });
});
