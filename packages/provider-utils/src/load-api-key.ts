import { AuthenticationError } from '@baton/core/contracts';

/** Where to look for a provider's API key. */
export interface LoadApiKeyOptions {
  /** The key passed in code; wins when non-empty. */
  apiKey?: string | undefined;
  /** The environment variable to read otherwise, e.g. `OPENAI_API_KEY`. */
  environmentVariable: string;
  /** Provider name for the error message, e.g. `OpenAI`. */
  provider: string;
  /** The environment to read (default `process.env`). */
  env?: Record<string, string | undefined>;
}

/**
 * The API key from the option or the environment. Throws `AuthenticationError` (before
 * any request is made) naming both places when neither has one.
 */
export function loadApiKey({
  apiKey,
  environmentVariable,
  provider,
  env = process.env,
}: LoadApiKeyOptions): string {
  if (typeof apiKey === 'string' && apiKey.trim() !== '') return apiKey;
  const fromEnv = env[environmentVariable];
  if (typeof fromEnv === 'string' && fromEnv.trim() !== '') return fromEnv.trim();
  throw new AuthenticationError(
    `${provider} API key is missing: pass it as the \`apiKey\` option or set the ${environmentVariable} environment variable`,
    { provider },
  );
}
