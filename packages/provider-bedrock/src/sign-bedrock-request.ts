import { InvalidRequestError } from '@baton/core/contracts';
import type { BedrockCredentials } from './bedrock-credentials.js';
import { Sha256, SignatureV4 } from './load-aws-modules.js';

/** What to sign: an absolute URL, headers (lower-case names) and the exact body string. */
export interface BedrockSignInput {
  url: string;
  headers: Record<string, string>;
  body: string;
  region: string;
  credentials: BedrockCredentials;
  /** Service signing name (default `bedrock`). */
  service?: string;
  /** Signing time (default now). */
  signingDate?: Date;
}

/**
 * Signs a POST with AWS Signature Version 4 (`@smithy/signature-v4` over
 * `@aws-crypto/sha256-js`, as the AWS SDK does) and returns the headers to send:
 * `authorization`, `x-amz-date`, `x-amz-content-sha256`, `x-amz-security-token` for session
 * credentials. `host` is signed but not returned: the HTTP client sends the same value.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
export async function signBedrockRequest(input: BedrockSignInput): Promise<Record<string, string>> {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch (error) {
    throw new InvalidRequestError(`bedrock: invalid endpoint URL ${JSON.stringify(input.url)}`, {
      provider: 'bedrock',
      cause: error,
    });
  }
  const signer = new SignatureV4({
    service: input.service ?? 'bedrock',
    region: input.region,
    credentials: input.credentials,
    sha256: Sha256,
  });
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, key) => {
    query[key] = value;
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      // The path as sent (model ids already percent-encoded); the signer escapes it once
      // more for the canonical request, like every AWS service but S3 expects.
      path: url.pathname,
      query,
      headers: { ...input.headers, host: url.host },
      body: input.body,
    },
    input.signingDate ? { signingDate: input.signingDate } : {},
  );
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) {
    if (name.toLowerCase() !== 'host') headers[name.toLowerCase()] = value;
  }
  return headers;
}
