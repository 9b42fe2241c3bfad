import { type BatonError, type BatonErrorOptions, ProviderUnavailableError } from '@baton/core/contracts';
import { errorFromResponse } from '@baton/provider-utils';
import { BedrockErrorBodySchema } from './bedrock-api.js';

/**
 * Bedrock Runtime exception names → the HTTP status AWS documents for them and whether a
 * retry may succeed. Stream exception events use lower-camel names
 * (`throttlingException`); they are looked up with the first letter upper-cased.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_Errors
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html#API_runtime_ConverseStream_Errors
 */
export const bedrockErrorTypes: Readonly<
  Record<string, { status: number; retryable?: boolean; unavailable?: boolean }>
> = {
  ValidationException: { status: 400 },
  ServiceQuotaExceededException: { status: 400 },
  AccessDeniedException: { status: 403 },
  UnrecognizedClientException: { status: 403 },
  InvalidSignatureException: { status: 403 },
  ExpiredTokenException: { status: 403 },
  ResourceNotFoundException: { status: 404 },
  ModelTimeoutException: { status: 408 },
  ModelErrorException: { status: 424, unavailable: true, retryable: false },
  ModelStreamErrorException: { status: 424, unavailable: true, retryable: true },
  ThrottlingException: { status: 429 },
  ModelNotReadyException: { status: 429, unavailable: true, retryable: true },
  InternalServerException: { status: 500 },
  ServiceUnavailableException: { status: 503 },
};

/** `x-amzn-errortype: ThrottlingException:http://internal.amazon.com/...` or `__type: ...#ThrottlingException` → `ThrottlingException`. */
export function parseBedrockErrorType(
  headerValue: string | undefined,
  bodyType: string | null | undefined,
): string | undefined {
  const raw = headerValue ?? bodyType ?? undefined;
  if (!raw) return undefined;
  let name = raw.split(':')[0]!;
  const hash = name.lastIndexOf('#');
  if (hash !== -1) name = name.slice(hash + 1);
  name = name.trim();
  return name === '' ? undefined : name.charAt(0).toUpperCase() + name.slice(1);
}

function build(
  type: string | undefined,
  status: number,
  headers: Record<string, string>,
  body: unknown,
): BatonError {
  const parsed = BedrockErrorBodySchema.safeParse(body);
  const data = parsed.success ? parsed.data : undefined;
  const message = data?.message ?? data?.Message ?? data?.originalMessage ?? undefined;
  const entry = type ? bedrockErrorTypes[type] : undefined;
  if (entry?.unavailable) {
    const options: BatonErrorOptions = {
      provider: 'bedrock',
      status,
      headers,
      body,
      retryable: entry.retryable ?? true,
    };
    if (type) options.type = type;
    return new ProviderUnavailableError(
      `bedrock HTTP ${status}${type ? ` ${type}` : ''}${message ? `: ${message}` : ''}`,
      options,
    );
  }
  return errorFromResponse({
    provider: 'bedrock',
    status,
    headers,
    body,
    message: type && message ? `${type}: ${message}` : (message ?? type),
    type,
  });
}

/**
 * A failed Converse response → a Baton error, by the `x-amzn-errortype` header (or the
 * body's `__type`), falling back to the HTTP status.
 */
export function bedrockErrorFromResponse(response: {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}): BatonError {
  const parsed = BedrockErrorBodySchema.safeParse(response.body);
  const type = parseBedrockErrorType(
    response.headers['x-amzn-errortype'],
    parsed.success ? parsed.data.__type : undefined,
  );
  return build(type, response.status, response.headers, response.body);
}

/**
 * A ConverseStream exception message (`:message-type: exception`, `:exception-type:
 * throttlingException`…) → a Baton error with the status that exception stands for.
 */
export function bedrockErrorFromStreamException(
  exceptionType: string,
  payload: unknown,
  headers: Record<string, string>,
): BatonError {
  const type = parseBedrockErrorType(exceptionType, undefined);
  const status = (type ? bedrockErrorTypes[type]?.status : undefined) ?? 500;
  return build(type, status, headers, payload);
}
