import { BEDROCK_TEST_CREDENTIALS, runAdapterConformance, startBedrockWireServer } from '@baton/testing';
import { createBedrock } from '../src/index.js';

runAdapterConformance({
  name: 'bedrock converse',
  createAdapter: (baseURL) =>
    createBedrock({ baseURL, region: 'us-east-1', ...BEDROCK_TEST_CREDENTIALS }).converse(
      'anthropic.claude-sonnet-4-5-20250929-v1:0',
    ),
  startServer: () => startBedrockWireServer(),
  skip: {
    'usage-details': 'Converse reports no reasoning-token count (reasoning is inside outputTokens)',
    authentication:
      'Bedrock never answers 401: bad credentials are 403 UnrecognizedClientException / InvalidSignatureException (covered in bedrock-converse-language-model.test.ts)',
    'retry-after':
      'ThrottlingException carries no retry hint; withRetry backs off with jitter instead (covered in bedrock-converse-language-model.test.ts)',
    'rate-limit':
      'ThrottlingException carries no retry hint (no retry-after); RateLimitError without retryAfterMs is covered in bedrock-converse-language-model.test.ts',
  },
});
