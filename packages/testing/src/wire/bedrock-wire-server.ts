import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EventStreamCodec, fromUtf8, Sha256, SignatureV4, toUtf8 } from './load-aws-modules.js';
import type { WireReply } from './wire-reply.js';
import {
  argumentsText,
  scenarioUsage,
  splitFragments,
  splitText,
  type WireScenario,
  type WireUsage,
} from './wire-scenario.js';
import { startWireServer, type WireRequest, type WireRoute, type WireServer } from './wire-server.js';

/** AWS test credentials the Bedrock wire server accepts by default. */
export const BEDROCK_TEST_CREDENTIALS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
} as const;

/** A Bedrock API key (bearer token) the Bedrock wire server accepts by default. */
export const BEDROCK_TEST_API_KEY = 'ABSKQmVkcm9ja0FQSUtleS10ZXN0';

/** Options for `startBedrockWireServer` / `bedrockConverseRoute`. */
export interface BedrockWireServerOptions {
  /** Scenarios answered in order. */
  scenarios?: WireScenario[];
  /** Answers once the queue is empty. */
  respond?: (request: WireRequest) => WireScenario | undefined;
  /** Access key id → secret key the server verifies SigV4 signatures with (default: `BEDROCK_TEST_CREDENTIALS`). */
  credentials?: Record<string, string>;
  /** Bedrock API keys accepted as `Authorization: Bearer` (default: `BEDROCK_TEST_API_KEY`). */
  apiKeys?: string[];
  /** The region requests must be scoped to (default `us-east-1`). */
  region?: string;
  /** Streamed requests get faults as exception events after `messageStart`, as ConverseStream does mid-stream. */
  inStreamErrors?: boolean;
  /** Maximum clock skew accepted for `x-amz-date` (default 15 minutes, as AWS). */
  maxSkewMs?: number;
}

const codec = new EventStreamCodec(toUtf8, fromUtf8);

/** Bedrock Runtime exception per HTTP status, with the service's own messages. @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_Errors */
const exceptions: Record<number, { type: string; message: string }> = {
  400: { type: 'ValidationException', message: 'The provided request is not valid' },
  // Bedrock never answers 401: bad credentials are a 403 UnrecognizedClientException.
  401: {
    type: 'UnrecognizedClientException',
    message: 'The security token included in the request is invalid.',
  },
  403: {
    type: 'AccessDeniedException',
    message: "You don't have access to the model with the specified model ID.",
  },
  404: {
    type: 'ResourceNotFoundException',
    message: 'Could not resolve the foundation model from the provided model identifier.',
  },
  408: {
    type: 'ModelTimeoutException',
    message: 'Model has timed out in processing the request. Try your request again.',
  },
  424: { type: 'ModelErrorException', message: 'The model returned an error while processing the request.' },
  429: { type: 'ThrottlingException', message: 'Too many requests, please wait before trying again.' },
  500: {
    type: 'InternalServerException',
    message: 'The server encountered an internal error while processing the request.',
  },
  503: { type: 'ServiceUnavailableException', message: 'Bedrock is unable to process your request.' },
};

/** Lower-camel exception event names of ConverseStream, by HTTP status. */
const streamExceptions: Record<number, string> = {
  400: 'validationException',
  424: 'modelStreamErrorException',
  429: 'throttlingException',
  500: 'internalServerException',
  503: 'serviceUnavailableException',
};

/** An error response as Bedrock sends it: `x-amzn-errortype` and a `{ message }` body. */
export function bedrockErrorReply(
  status: number,
  type: string,
  message: string,
  requestId = randomUUID(),
): WireReply {
  return {
    status: type === 'UnrecognizedClientException' ? 403 : status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-requestid': requestId,
      'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
    },
    body: JSON.stringify({ message }),
  };
}

/** One binary event-stream frame. */
export function bedrockEventFrame(eventType: string, payload: unknown): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: eventType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: fromUtf8(typeof payload === 'string' ? payload : JSON.stringify(payload)),
  });
}

/** One binary exception frame (`:message-type: exception`). */
export function bedrockExceptionFrame(exceptionType: string, message: string): Uint8Array {
  return codec.encode({
    headers: {
      ':exception-type': { type: 'string', value: exceptionType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'exception' },
    },
    body: fromUtf8(JSON.stringify({ message })),
  });
}

const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** ConverseStream pads every event with a random-length `p` field (a length side-channel guard). */
function padding(): string {
  const bytes = randomBytes(1 + (randomBytes(1)[0]! % 40));
  let out = '';
  for (const byte of bytes) out += letters[byte % letters.length];
  return out;
}

function usageOf(usage: WireUsage) {
  const read = usage.cachedInputTokens ?? 0;
  const written = usage.cacheWriteInputTokens ?? 0;
  const input = Math.max(0, usage.inputTokens - read - written);
  return {
    inputTokens: input,
    outputTokens: usage.outputTokens,
    totalTokens: usage.inputTokens + usage.outputTokens,
    ...(read ? { cacheReadInputTokens: read } : {}),
    ...(written ? { cacheWriteInputTokens: written } : {}),
  };
}

function parseAmzDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}

/**
 * Verifies a request's AWS Signature Version 4 the way AWS does: parse `authorization`,
 * look up the secret for its access key, recompute the signature over the signed headers,
 * the path as received and the exact body with `@smithy/signature-v4`, and compare.
 * Returns the error reply to send, or `undefined` when the signature is valid.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
export async function verifyBedrockSignature(
  request: WireRequest,
  options: { credentials: Record<string, string>; region: string; maxSkewMs?: number; now?: number },
): Promise<WireReply | undefined> {
  const authorization = request.headers.authorization;
  if (!authorization)
    return bedrockErrorReply(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
      authorization,
    );
  if (!match) {
    return bedrockErrorReply(
      403,
      'IncompleteSignatureException',
      `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.`,
    );
  }
  const [, accessKeyId, scopeDate, region, service, signedHeaders] = match as unknown as string[];
  const secret = options.credentials[accessKeyId!];
  if (!secret)
    return bedrockErrorReply(
      403,
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
    );
  if (service !== 'bedrock') {
    return bedrockErrorReply(
      403,
      'InvalidSignatureException',
      `Credential should be scoped to correct service: 'bedrock'.`,
    );
  }
  if (region !== options.region) {
    return bedrockErrorReply(
      403,
      'InvalidSignatureException',
      `Credential should be scoped to a valid region.`,
    );
  }
  const amzDate = request.headers['x-amz-date'];
  const signingDate = amzDate ? parseAmzDate(amzDate) : undefined;
  if (!amzDate || !signingDate || !amzDate.startsWith(scopeDate!)) {
    return bedrockErrorReply(
      403,
      'IncompleteSignatureException',
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  }
  const skew = Math.abs((options.now ?? Date.now()) - signingDate.getTime());
  if (skew > (options.maxSkewMs ?? 15 * 60_000)) {
    return bedrockErrorReply(
      403,
      'InvalidSignatureException',
      `Signature expired: ${amzDate} is now earlier than allowed by the 15 min clock skew.`,
    );
  }
  const names = signedHeaders!.split(';');
  if (!names.includes('host'))
    return bedrockErrorReply(403, 'InvalidSignatureException', `'Host' must be a signed header.`);
  const headers: Record<string, string> = {};
  for (const name of names) {
    const value = request.headers[name];
    if (value === undefined)
      return bedrockErrorReply(
        403,
        'InvalidSignatureException',
        `Signed header ${name} is missing from the request.`,
      );
    headers[name] = value;
  }
  // The signer trusts an `x-amz-content-sha256` header as the payload hash; the service does
  // not: it hashes the body it received, so a tampered body cannot reuse the old hash.
  const claimed = request.headers['x-amz-content-sha256'];
  if (
    claimed !== undefined &&
    claimed !== createHash('sha256').update(request.rawBody, 'utf8').digest('hex')
  ) {
    return bedrockErrorReply(
      403,
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
  const [hostname = '127.0.0.1', port] = headers.host!.split(':');
  const signer = new SignatureV4({
    service: 'bedrock',
    region: region!,
    credentials: {
      accessKeyId: accessKeyId!,
      secretAccessKey: secret,
      ...(request.headers['x-amz-security-token']
        ? { sessionToken: request.headers['x-amz-security-token'] }
        : {}),
    },
    sha256: Sha256,
    // Only headers the client signed take part; the signer must not add its own.
    applyChecksum: false,
  });
  const expected = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname,
      ...(port ? { port: Number(port) } : {}),
      path: request.path,
      query: request.query,
      headers,
      body: request.rawBody,
    },
    { signingDate },
  );
  if (expected.headers.authorization !== authorization) {
    return bedrockErrorReply(
      403,
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
  return undefined;
}

/**
 * Bedrock Runtime's Converse API: `POST /model/{modelId}/converse` (JSON) and
 * `/converse-stream` (binary `application/vnd.amazon.eventstream`). Every request's SigV4
 * signature is verified first (a bad one gets 403 `InvalidSignatureException`), or its
 * Bedrock API key when it sends `Authorization: Bearer`.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html
 */
export function bedrockConverseRoute(options: BedrockWireServerOptions = {}): WireRoute {
  const credentials = options.credentials ?? {
    [BEDROCK_TEST_CREDENTIALS.accessKeyId]: BEDROCK_TEST_CREDENTIALS.secretAccessKey,
  };
  const region = options.region ?? 'us-east-1';
  const apiKeys = new Set(options.apiKeys ?? [BEDROCK_TEST_API_KEY]);
  let toolIds = 0;
  return {
    path: /^\/model\/[^/]+\/(?:converse|converse-stream)$/,
    async reply(request, scenario): Promise<WireReply> {
      const authorization = request.headers.authorization ?? '';
      const rejected = authorization.startsWith('Bearer ')
        ? apiKeys.has(authorization.slice(7).trim())
          ? undefined
          : bedrockErrorReply(
              403,
              'UnrecognizedClientException',
              'The security token included in the request is invalid.',
            )
        : await verifyBedrockSignature(request, {
            credentials,
            region,
            ...(options.maxSkewMs !== undefined ? { maxSkewMs: options.maxSkewMs } : {}),
          });
      if (rejected) return rejected;
      const stream = request.path.endsWith('/converse-stream');
      const requestId = randomUUID();
      const jsonHeaders = { 'content-type': 'application/json', 'x-amzn-requestid': requestId };
      const streamHeaders = {
        'content-type': 'application/vnd.amazon.eventstream',
        'x-amzn-requestid': requestId,
      };
      const body = (typeof request.body === 'object' && request.body !== null ? request.body : undefined) as
        | { messages?: unknown }
        | undefined;
      if (!body || !Array.isArray(body.messages)) {
        return bedrockErrorReply(
          400,
          'ValidationException',
          "1 validation error detected: Value null at 'messages' failed to satisfy constraint: Member must not be null",
          requestId,
        );
      }

      let fault: { status: number; type: string; message: string } | undefined;
      if (scenario.type === 'error') {
        const known = exceptions[scenario.status];
        fault = {
          status: scenario.status,
          type:
            scenario.errorType ??
            known?.type ??
            (scenario.status >= 500 ? 'InternalServerException' : 'ValidationException'),
          message: scenario.message ?? known?.message ?? `HTTP ${scenario.status}`,
        };
      } else if (scenario.type === 'rate-limit') {
        // Bedrock sends no retry hint with ThrottlingException.
        fault = {
          status: scenario.status ?? 429,
          type: 'ThrottlingException',
          message: scenario.message ?? exceptions[429]!.message,
        };
      } else if (scenario.type === 'server-error') {
        const status = scenario.status ?? 500;
        fault = {
          status,
          type: exceptions[status]?.type ?? 'InternalServerException',
          message: scenario.message ?? exceptions[status]?.message ?? 'error',
        };
      }
      if (fault) {
        const eventName = streamExceptions[fault.status];
        if (stream && options.inStreamErrors && eventName) {
          return {
            status: 200,
            headers: streamHeaders,
            chunks: [
              bedrockEventFrame('messageStart', { p: padding(), role: 'assistant' }),
              bedrockExceptionFrame(eventName, fault.message),
            ],
          };
        }
        const reply = bedrockErrorReply(fault.status, fault.type, fault.message, requestId);
        if (scenario.type === 'error' && scenario.body !== undefined) {
          reply.body = typeof scenario.body === 'string' ? scenario.body : JSON.stringify(scenario.body);
        }
        return reply;
      }

      if (scenario.type === 'malformed-event') {
        if (!stream)
          return { status: 200, headers: jsonHeaders, body: scenario.payload ?? '{"output": {"message": ' };
        const frames = [bedrockEventFrame('messageStart', { p: padding(), role: 'assistant' })];
        if (scenario.text)
          frames.push(
            bedrockEventFrame('contentBlockDelta', {
              contentBlockIndex: 0,
              delta: { text: scenario.text },
              p: padding(),
            }),
          );
        frames.push(
          bedrockEventFrame(
            'contentBlockDelta',
            scenario.payload ?? '{"contentBlockIndex":0,"delta":{"text":',
          ),
        );
        return { status: 200, headers: streamHeaders, chunks: frames };
      }

      const usage =
        scenario.type === 'cut-stream'
          ? scenarioUsage({ text: scenario.text })
          : scenarioUsage(scenario as { usage?: WireUsage; text?: string });
      const content: Record<string, unknown>[] = [];
      const frames: Uint8Array[] = [bedrockEventFrame('messageStart', { p: padding(), role: 'assistant' })];
      const addText = (text: string, chunks: string[]) => {
        const index = content.length;
        content.push({ text });
        for (const piece of chunks)
          frames.push(
            bedrockEventFrame('contentBlockDelta', {
              contentBlockIndex: index,
              delta: { text: piece },
              p: padding(),
            }),
          );
        frames.push(bedrockEventFrame('contentBlockStop', { contentBlockIndex: index, p: padding() }));
      };
      let stopReason: string;
      if (scenario.type === 'text' || scenario.type === 'cut-stream') {
        if (scenario.type === 'text' && scenario.reasoning) {
          const index = content.length;
          const signature = randomBytes(32).toString('base64');
          content.push({ reasoningContent: { reasoningText: { text: scenario.reasoning, signature } } });
          for (const piece of splitText(scenario.reasoning)) {
            frames.push(
              bedrockEventFrame('contentBlockDelta', {
                contentBlockIndex: index,
                delta: { reasoningContent: { text: piece } },
                p: padding(),
              }),
            );
          }
          frames.push(
            bedrockEventFrame('contentBlockDelta', {
              contentBlockIndex: index,
              delta: { reasoningContent: { signature } },
              p: padding(),
            }),
          );
          frames.push(bedrockEventFrame('contentBlockStop', { contentBlockIndex: index, p: padding() }));
        }
        const filtered = scenario.type === 'text' && scenario.finishReason === 'content-filter';
        if (!filtered)
          addText(
            scenario.text,
            (scenario.type === 'text' && scenario.textChunks) || splitText(scenario.text),
          );
        stopReason =
          scenario.type === 'text'
            ? { stop: 'end_turn', length: 'max_tokens', 'content-filter': 'content_filtered' }[
                scenario.finishReason ?? 'stop'
              ]
            : 'end_turn';
      } else if (scenario.type === 'tool-calls') {
        if (scenario.text) addText(scenario.text, scenario.textChunks ?? splitText(scenario.text));
        for (const call of scenario.toolCalls) {
          const index = content.length;
          const toolUseId = call.id ?? `tooluse_${(++toolIds).toString(36).padStart(22, 'A')}`;
          const json = argumentsText(call);
          let input: unknown;
          try {
            input = JSON.parse(json);
          } catch {
            input = {};
          }
          content.push({ toolUse: { toolUseId, name: call.name, input } });
          frames.push(
            bedrockEventFrame('contentBlockStart', {
              contentBlockIndex: index,
              p: padding(),
              start: { toolUse: { name: call.name, toolUseId } },
            }),
          );
          for (const fragment of splitFragments(json, scenario.argumentsChunkSize ?? 8)) {
            frames.push(
              bedrockEventFrame('contentBlockDelta', {
                contentBlockIndex: index,
                delta: { toolUse: { input: fragment } },
                p: padding(),
              }),
            );
          }
          frames.push(bedrockEventFrame('contentBlockStop', { contentBlockIndex: index, p: padding() }));
        }
        stopReason = 'tool_use';
      } else {
        throw new Error(`bedrock wire server: unsupported scenario ${scenario.type}`);
      }
      const tokenUsage = usageOf(usage);
      const latencyMs = 412;
      if (!stream) {
        const whole = JSON.stringify({
          metrics: { latencyMs },
          output: { message: { content, role: 'assistant' } },
          stopReason,
          usage: tokenUsage,
        });
        if (scenario.type === 'cut-stream')
          return { status: 200, headers: jsonHeaders, body: whole.slice(0, whole.length >> 1), cut: true };
        return { status: 200, headers: jsonHeaders, body: whole };
      }
      frames.push(bedrockEventFrame('messageStop', { p: padding(), stopReason }));
      frames.push(bedrockEventFrame('metadata', { metrics: { latencyMs }, p: padding(), usage: tokenUsage }));
      const delay =
        'chunkDelayMs' in scenario && scenario.chunkDelayMs ? { chunkDelayMs: scenario.chunkDelayMs } : {};
      if (scenario.type === 'cut-stream') {
        const kept = frames.slice(0, scenario.afterChunks ?? 2);
        const next = frames[kept.length];
        // The connection drops in the middle of the next frame.
        if (next) kept.push(next.subarray(0, next.length >> 1));
        return { status: 200, headers: streamHeaders, chunks: kept, cut: true, ...delay };
      }
      return { status: 200, headers: streamHeaders, chunks: frames, ...delay };
    },
  };
}

/**
 * A local server speaking Bedrock Runtime's Converse and ConverseStream, verifying SigV4
 * signatures (default credentials: `BEDROCK_TEST_CREDENTIALS`, region `us-east-1`), with
 * scripted scenarios and request recording. Point the adapter's `baseURL` at `server.url`.
 */
export function startBedrockWireServer(options: BedrockWireServerOptions = {}): Promise<WireServer> {
  return startWireServer({
    routes: [bedrockConverseRoute(options)],
    ...(options.scenarios ? { scenarios: options.scenarios } : {}),
    ...(options.respond ? { respond: options.respond } : {}),
  });
}
