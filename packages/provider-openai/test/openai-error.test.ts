import type { HttpResponse } from '@baton/provider-utils';
import { describe, expect, it } from 'vitest';
import { openaiErrorFromResponse, openaiStreamError, parseOpenAIErrorBody } from '../src/openai-error.js';

function response(status: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  return {
    status,
    headers,
    body: (async function* () {})(),
    text: async () => body,
    json: async () => JSON.parse(body),
  };
}

const body = (message: string, type: string, code: string | null) =>
  JSON.stringify({ error: { message, type, param: null, code } });

describe('openaiErrorFromResponse', () => {
  it.each<[number, string, string, boolean, string | undefined, string | undefined]>([
    [
      400,
      body('Invalid value', 'invalid_request_error', null),
      'InvalidRequestError',
      false,
      'invalid_request_error',
      undefined,
    ],
    [
      401,
      body('Incorrect API key', 'invalid_request_error', 'invalid_api_key'),
      'AuthenticationError',
      false,
      'invalid_request_error',
      'invalid_api_key',
    ],
    [
      403,
      body('Country not supported', 'invalid_request_error', 'unsupported_country_region_territory'),
      'AuthenticationError',
      false,
      'invalid_request_error',
      'unsupported_country_region_territory',
    ],
    [
      404,
      body('The model does not exist', 'invalid_request_error', 'model_not_found'),
      'InvalidRequestError',
      false,
      'invalid_request_error',
      'model_not_found',
    ],
    [
      429,
      body('Rate limit reached', 'requests', 'rate_limit_exceeded'),
      'RateLimitError',
      true,
      'requests',
      'rate_limit_exceeded',
    ],
    [
      429,
      body('You exceeded your current quota', 'insufficient_quota', 'insufficient_quota'),
      'RateLimitError',
      false,
      'insufficient_quota',
      'insufficient_quota',
    ],
    [
      400,
      body('Your request was rejected', 'invalid_request_error', 'content_policy_violation'),
      'ContentFilterError',
      false,
      'invalid_request_error',
      'content_policy_violation',
    ],
    [
      500,
      body('The server had an error', 'server_error', null),
      'ProviderUnavailableError',
      true,
      'server_error',
      undefined,
    ],
    [
      503,
      body('The engine is currently overloaded', 'server_error', null),
      'ProviderUnavailableError',
      true,
      'server_error',
      undefined,
    ],
    [502, '<html>Bad gateway</html>', 'ProviderUnavailableError', true, undefined, undefined],
  ])('HTTP %i %s → %s', async (status, text, name, retryable, type, code) => {
    const error = await openaiErrorFromResponse(
      'openai',
      response(status, text, { 'x-request-id': 'req_1' }),
    );
    expect(error.name).toBe(name);
    expect(error.retryable).toBe(retryable);
    expect(error.provider?.status).toBe(status);
    expect(error.provider?.type).toBe(type);
    expect(error.provider?.code).toBe(code);
    expect(error.provider?.headers).toEqual({ 'x-request-id': 'req_1' });
  });

  it('keeps retry-after on rate limits', async () => {
    const error = await openaiErrorFromResponse(
      'openai',
      response(429, body('slow', 'requests', 'rate_limit_exceeded'), { 'retry-after-ms': '750' }),
    );
    expect((error as { retryAfterMs?: number }).retryAfterMs).toBe(750);
  });

  it('uses the provider message', async () => {
    const error = await openaiErrorFromResponse(
      'openai',
      response(
        400,
        body("Unsupported parameter: 'max_tokens'", 'invalid_request_error', 'unsupported_parameter'),
      ),
    );
    expect(error.message).toBe("openai HTTP 400: Unsupported parameter: 'max_tokens'");
  });
});

describe('parseOpenAIErrorBody', () => {
  it.each<[unknown, object]>([
    [{ error: { message: 'm', type: 't', param: null, code: 'c' } }, { message: 'm', type: 't', code: 'c' }],
    [{ error: { message: 'm', type: 't', code: 429 } }, { message: 'm', type: 't', code: '429' }],
    [{ error: 'plain text error' }, { message: 'plain text error' }],
    [{ message: 'top-level message' }, { message: 'top-level message' }],
    ['not json', {}],
  ])('%j', (input, expected) => {
    expect(parseOpenAIErrorBody(input)).toEqual(expected);
  });
});

describe('openaiStreamError', () => {
  it.each([
    [{ code: 'rate_limit_exceeded', message: 'x' }, 'RateLimitError'],
    [{ type: 'server_error', message: 'x' }, 'ProviderUnavailableError'],
    [{ code: 'server_error', message: 'x' }, 'ProviderUnavailableError'],
    [{ code: 'invalid_prompt', message: 'x' }, 'InvalidRequestError'],
    [{ code: 'context_length_exceeded', message: 'x' }, 'InvalidRequestError'],
    [{ code: 'content_filter', message: 'x' }, 'ContentFilterError'],
    [{ message: 'x' }, 'ProviderUnavailableError'],
  ])('%j → %s', (error, name) => {
    expect(openaiStreamError('openai', error, null).name).toBe(name);
  });
});
