import { CancelledError, RateLimitError, TimeoutError } from '@baton/core/contracts';
import { describe, expect, it } from 'vitest';
import { mapTransportError } from '../src/map-transport-error.js';

function coded(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe('mapTransportError', () => {
  it.each<[string, unknown, string, boolean]>([
    ['UND_ERR_CONNECT_TIMEOUT', coded('UND_ERR_CONNECT_TIMEOUT'), 'TimeoutError', true],
    ['UND_ERR_HEADERS_TIMEOUT', coded('UND_ERR_HEADERS_TIMEOUT'), 'TimeoutError', true],
    ['UND_ERR_BODY_TIMEOUT', coded('UND_ERR_BODY_TIMEOUT'), 'TimeoutError', true],
    ['ETIMEDOUT', coded('ETIMEDOUT'), 'TimeoutError', true],
    ['UND_ERR_SOCKET', coded('UND_ERR_SOCKET', 'other side closed'), 'ProviderUnavailableError', true],
    ['UND_ERR_CLOSED', coded('UND_ERR_CLOSED'), 'ProviderUnavailableError', true],
    ['ECONNRESET', coded('ECONNRESET'), 'ProviderUnavailableError', true],
    ['ECONNREFUSED', coded('ECONNREFUSED'), 'ProviderUnavailableError', true],
    ['ENOTFOUND', coded('ENOTFOUND'), 'ProviderUnavailableError', true],
    ['EPIPE', coded('EPIPE'), 'ProviderUnavailableError', true],
    [
      'content-length mismatch',
      coded('UND_ERR_RES_CONTENT_LENGTH_MISMATCH'),
      'ProviderUnavailableError',
      true,
    ],
    ['UND_ERR_ABORTED without a caller signal', coded('UND_ERR_ABORTED'), 'CancelledError', false],
    ['DOMException AbortError', new DOMException('aborted', 'AbortError'), 'CancelledError', false],
    ['UND_ERR_INVALID_ARG', coded('UND_ERR_INVALID_ARG'), 'InvalidRequestError', false],
    [
      'fetch failed wrapping ECONNREFUSED',
      new TypeError('fetch failed', { cause: coded('ECONNREFUSED') }),
      'ProviderUnavailableError',
      true,
    ],
    [
      'AggregateError of ECONNREFUSED',
      Object.assign(new AggregateError([coded('ECONNREFUSED')], 'connect failed'), {}),
      'ProviderUnavailableError',
      true,
    ],
    ['unknown error', new Error('weird'), 'ProviderUnavailableError', false],
    ['non-error value', 'boom', 'ProviderUnavailableError', false],
  ])('%s', (_name, error, name, retryable) => {
    const mapped = mapTransportError(error, { provider: 'openai' });
    expect(mapped.name).toBe(name);
    expect(mapped.retryable).toBe(retryable);
    expect(mapped.cause).toBe(error);
    expect(mapped.message.startsWith('openai: ')).toBe(true);
  });

  it('an aborted caller signal wins: CancelledError', () => {
    const controller = new AbortController();
    controller.abort();
    const mapped = mapTransportError(coded('UND_ERR_SOCKET'), { signal: controller.signal });
    expect(CancelledError.isInstance(mapped)).toBe(true);
  });

  it('a caller timeout signal maps to TimeoutError', () => {
    const controller = new AbortController();
    controller.abort(new DOMException('deadline', 'TimeoutError'));
    expect(TimeoutError.isInstance(mapTransportError(new Error('x'), { signal: controller.signal }))).toBe(
      true,
    );
  });

  it('a BatonError abort reason is passed through', () => {
    const controller = new AbortController();
    const reason = new RateLimitError('x');
    controller.abort(reason);
    expect(mapTransportError(new Error('x'), { signal: controller.signal })).toBe(reason);
  });

  it.each(['first-byte', 'total'] as const)('Baton %s deadline → TimeoutError', (which) => {
    expect(TimeoutError.isInstance(mapTransportError(new Error('aborted'), { timedOut: which }))).toBe(true);
  });

  it('passes BatonErrors through', () => {
    const error = new RateLimitError('slow down');
    expect(mapTransportError(error)).toBe(error);
  });
});
