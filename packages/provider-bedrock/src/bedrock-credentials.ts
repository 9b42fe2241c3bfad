import { AuthenticationError, InvalidRequestError } from '@baton/core/contracts';

/** AWS credentials for SigV4. */
export interface BedrockCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials (STS, SSO, instance roles) carry a session token. */
  sessionToken?: string | undefined;
}

/**
 * Credentials from the options, else the standard environment variables
 * (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`). Missing → an
 * `AuthenticationError` before any request.
 * @see https://docs.aws.amazon.com/sdkref/latest/guide/environment-variables.html
 */
export function loadBedrockCredentials(
  options: Partial<BedrockCredentials>,
  env: Record<string, string | undefined>,
): BedrockCredentials {
  const fromOptions = options.accessKeyId !== undefined || options.secretAccessKey !== undefined;
  const accessKeyId = (fromOptions ? options.accessKeyId : env.AWS_ACCESS_KEY_ID)?.trim();
  const secretAccessKey = (fromOptions ? options.secretAccessKey : env.AWS_SECRET_ACCESS_KEY)?.trim();
  const sessionToken = (fromOptions ? options.sessionToken : env.AWS_SESSION_TOKEN)?.trim();
  if (!accessKeyId || !secretAccessKey) {
    throw new AuthenticationError(
      `Bedrock credentials are missing: pass \`accessKeyId\` and \`secretAccessKey\` (and \`sessionToken\` for temporary credentials) or an \`apiKey\`, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) or AWS_BEARER_TOKEN_BEDROCK`,
      { provider: 'bedrock' },
    );
  }
  return sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
}

/** The region from the option, else `AWS_REGION`, else `AWS_DEFAULT_REGION`; missing → `InvalidRequestError`. */
export function loadBedrockRegion(
  region: string | undefined,
  env: Record<string, string | undefined>,
): string {
  const value = (region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION)?.trim();
  if (!value) {
    throw new InvalidRequestError(
      'Bedrock region is missing: pass `region` or set AWS_REGION (or AWS_DEFAULT_REGION)',
      {
        provider: 'bedrock',
      },
    );
  }
  return value;
}
