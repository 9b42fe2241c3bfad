import { describe, expect, it } from 'vitest';
import {
  bedrockErrorFromResponse,
  bedrockErrorFromStreamException,
  parseBedrockErrorType,
} from '../src/bedrock-error.js';

const errortype = (type: string) => ({
  'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
});

describe('bedrockErrorFromResponse', () => {
  it.each([
    ['ValidationException', 400, 'InvalidRequestError', false],
    ['ServiceQuotaExceededException', 400, 'InvalidRequestError', false],
    ['AccessDeniedException', 403, 'AuthenticationError', false],
    ['UnrecognizedClientException', 403, 'AuthenticationError', false],
    ['InvalidSignatureException', 403, 'AuthenticationError', false],
    ['ExpiredTokenException', 403, 'AuthenticationError', false],
    ['ResourceNotFoundException', 404, 'InvalidRequestError', false],
    ['ModelTimeoutException', 408, 'TimeoutError', true],
    ['ModelErrorException', 424, 'ProviderUnavailableError', false],
    ['ThrottlingException', 429, 'RateLimitError', true],
    ['ModelNotReadyException', 429, 'ProviderUnavailableError', true],
    ['InternalServerException', 500, 'ProviderUnavailableError', true],
    ['ServiceUnavailableException', 503, 'ProviderUnavailableError', true],
  ])('%s (%i) → %s', (type, status, name, retryable) => {
    const error = bedrockErrorFromResponse({
      status,
      headers: errortype(type),
      body: { message: 'details here' },
    });
    expect(error).toMatchObject({ name, retryable, provider: { provider: 'bedrock', status, type } });
    expect(error.message).toContain('details here');
  });

  it('reads the type from __type when the header is missing', () => {
    const error = bedrockErrorFromResponse({
      status: 429,
      headers: {},
      body: { __type: 'com.amazon.coral.availability#ThrottlingException', message: 'slow down' },
    });
    expect(error).toMatchObject({ name: 'RateLimitError', provider: { type: 'ThrottlingException' } });
  });

  it('falls back to the HTTP status for unknown types', () => {
    expect(bedrockErrorFromResponse({ status: 502, headers: {}, body: 'Bad Gateway' })).toMatchObject({
      name: 'ProviderUnavailableError',
      retryable: true,
    });
  });
});

describe('bedrockErrorFromStreamException', () => {
  it.each([
    ['throttlingException', 'RateLimitError', 429, true],
    ['modelStreamErrorException', 'ProviderUnavailableError', 424, true],
    ['internalServerException', 'ProviderUnavailableError', 500, true],
    ['serviceUnavailableException', 'ProviderUnavailableError', 503, true],
    ['validationException', 'InvalidRequestError', 400, false],
  ])('%s → %s', (type, name, status, retryable) => {
    const error = bedrockErrorFromStreamException(type, { message: 'mid-stream' }, {});
    expect(error).toMatchObject({ name, retryable, provider: { status } });
  });
});

describe('parseBedrockErrorType', () => {
  it.each([
    [
      'ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/',
      undefined,
      'ThrottlingException',
    ],
    [undefined, 'com.amazon.bedrock#ValidationException', 'ValidationException'],
    ['throttlingException', undefined, 'ThrottlingException'],
    [undefined, undefined, undefined],
  ])('%s / %s → %s', (header, body, expected) => {
    expect(parseBedrockErrorType(header, body)).toBe(expected);
  });
});
