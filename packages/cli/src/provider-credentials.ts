import type { BatonConfig } from '@baton/core';

/** Environment variables holding each provider's credentials; any one of them suffices. */
export const credentialVariables: Readonly<Record<string, readonly string[]>> = {
  openai: ['OPENAI_API_KEY'],
  'openai-responses': ['OPENAI_API_KEY'],
  anthropic: ['ANTHROPIC_API_KEY'],
  gemini: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
  bedrock: ['AWS_ACCESS_KEY_ID', 'AWS_BEARER_TOKEN_BEDROCK'],
};

/**
 * Why `provider` cannot authenticate, or undefined when it can (or needs no key): checked
 * before a run starts, so a missing key is a one-line usage error, not a failed run.
 */
export function missingCredentials(
  provider: string,
  config: BatonConfig,
  env: NodeJS.ProcessEnv,
): string | undefined {
  const variables = credentialVariables[provider];
  if (!variables) return undefined;
  if (typeof config.providers?.[provider]?.apiKey === 'string') return undefined;
  if (variables.some((name) => Boolean(env[name]))) return undefined;
  return `no credentials for ${provider}: set ${variables.join(' or ')}, or providers.${provider}.apiKey in baton.config`;
}
