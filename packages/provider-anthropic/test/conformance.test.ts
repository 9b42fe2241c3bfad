import { runAdapterConformance, startAnthropicWireServer } from '@baton/testing';
import { createAnthropic } from '../src/index.js';

runAdapterConformance({
  name: 'anthropic messages',
  createAdapter: (baseURL) =>
    createAnthropic({ baseURL: `${baseURL}/v1`, apiKey: 'sk-ant-test' }).messages('claude-sonnet-4-5'),
  startServer: () => startAnthropicWireServer(),
  skip: {
    'usage-details':
      'the Messages API reports no separate reasoning-token count (thinking is billed inside output_tokens)',
  },
});
