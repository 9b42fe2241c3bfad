import { runAdapterConformance, startGeminiWireServer } from '@baton/testing';
import { createGemini } from '../src/index.js';

runAdapterConformance({
  name: 'gemini',
  createAdapter: (baseURL) =>
    createGemini({ baseURL: `${baseURL}/v1beta`, apiKey: 'gm-test' })('gemini-2.5-flash'),
  startServer: () => startGeminiWireServer(),
});
