import { runAdapterConformance, startOpenAIWireServer } from '@baton/testing';
import { createOpenAI } from '../src/index.js';

runAdapterConformance({
  name: 'openai chat',
  createAdapter: (baseURL) =>
    createOpenAI({ apiKey: 'sk-test', baseURL: `${baseURL}/v1` }).chat('gpt-4o-mini'),
  startServer: () => startOpenAIWireServer(),
});

runAdapterConformance({
  name: 'openai responses',
  createAdapter: (baseURL) =>
    createOpenAI({ apiKey: 'sk-test', baseURL: `${baseURL}/v1` }).responses('gpt-4o-mini'),
  startServer: () => startOpenAIWireServer(),
});
