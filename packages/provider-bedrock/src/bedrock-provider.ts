import type { ModelAdapter } from '@baton/core/contracts';
import type { FetchFunction, HttpTimeouts } from '@baton/provider-utils';
import { type BedrockAuth, BedrockConverseLanguageModel } from './bedrock-converse-language-model.js';
import { type BedrockCredentials, loadBedrockCredentials, loadBedrockRegion } from './bedrock-credentials.js';

/** Options of `createBedrock`. */
export interface BedrockProviderSettings {
  /** AWS region; defaults to `AWS_REGION`, then `AWS_DEFAULT_REGION`. */
  region?: string | undefined;
  /** Access key id; defaults to `AWS_ACCESS_KEY_ID`. */
  accessKeyId?: string | undefined;
  /** Secret access key; defaults to `AWS_SECRET_ACCESS_KEY`. */
  secretAccessKey?: string | undefined;
  /** Session token of temporary credentials; defaults to `AWS_SESSION_TOKEN`. */
  sessionToken?: string | undefined;
  /**
   * An Amazon Bedrock API key, sent as `Authorization: Bearer` instead of SigV4 signing;
   * defaults to `AWS_BEARER_TOKEN_BEDROCK` when no credentials are passed in code.
   */
  apiKey?: string | undefined;
  /** Resolves credentials per call (e.g. `fromNodeProviderChain()` of `@aws-sdk/credential-providers`); wins over the fields above. */
  credentialProvider?: (() => Promise<BedrockCredentials>) | undefined;
  /** Endpoint (default `https://bedrock-runtime.{region}.amazonaws.com`). */
  baseURL?: string | undefined;
  /** Extra headers sent (and signed) with every request. */
  headers?: Record<string, string> | undefined;
  /** A custom fetch (tests, proxies); default is Baton's pooled undici client. */
  fetch?: FetchFunction | undefined;
  /** Connect, first-byte and total deadlines. */
  timeouts?: HttpTimeouts | undefined;
  /** Environment to read credentials and region from (default `process.env`). */
  env?: Record<string, string | undefined> | undefined;
}

/** A Bedrock provider: call it (or `.converse`) with a model id to get a `ModelAdapter`. */
export interface BedrockProvider {
  (modelId: string): BedrockConverseLanguageModel;
  /** A Converse model, e.g. `anthropic.claude-sonnet-4-5-20250929-v1:0` or `us.amazon.nova-pro-v1:0`. */
  converse(modelId: string): BedrockConverseLanguageModel;
  /** The same as `converse(modelId)`. */
  languageModel(modelId: string): BedrockConverseLanguageModel;
}

/**
 * Creates a Bedrock Runtime provider, authenticating with SigV4 (AWS credentials) or a Bedrock
 * API key. Region and credentials are read when a call is made,
 * so missing ones fail that call (`AuthenticationError` for credentials) before any request.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 */
export function createBedrock(settings: BedrockProviderSettings = {}): BedrockProvider {
  const env = settings.env ?? process.env;
  const region = () => loadBedrockRegion(settings.region, env);
  const auth = async (): Promise<BedrockAuth> => {
    // Explicit settings win, in this order: an API key, credentials, a credential provider; then
    // the environment: AWS_BEARER_TOKEN_BEDROCK, then the AWS credential variables.
    if (settings.apiKey?.trim()) return { type: 'api-key', apiKey: settings.apiKey.trim() };
    if (settings.accessKeyId !== undefined || settings.secretAccessKey !== undefined) {
      return { type: 'sigv4', credentials: loadBedrockCredentials(settings, env) };
    }
    if (settings.credentialProvider)
      return { type: 'sigv4', credentials: await settings.credentialProvider() };
    const token = env.AWS_BEARER_TOKEN_BEDROCK?.trim();
    if (token) return { type: 'api-key', apiKey: token };
    return { type: 'sigv4', credentials: loadBedrockCredentials({}, env) };
  };
  const converse = (modelId: string) =>
    new BedrockConverseLanguageModel(modelId, {
      region,
      baseURL: settings.baseURL?.replace(/\/+$/, ''),
      auth,
      headers: settings.headers,
      fetch: settings.fetch,
      timeouts: settings.timeouts,
    });
  const provider = (modelId: string) => converse(modelId);
  provider.converse = converse;
  provider.languageModel = converse;
  return provider;
}

/** For core's model registry: `bedrock:<modelId>` → a Converse adapter. */
export function bedrockProvider(settings: BedrockProviderSettings = {}): (modelId: string) => ModelAdapter {
  const provider = createBedrock(settings);
  return (modelId) => provider.converse(modelId);
}
