import { runAdapterConformance, startOllamaWireServer } from '@baton/testing';
import { createOllama, createOpenAICompatible } from '../src/index.js';

runAdapterConformance({
  name: 'ollama /api/chat',
  createAdapter: (baseURL) => createOllama({ baseURL }).chat('llama3.2'),
  startServer: () => startOllamaWireServer(),
  skip: {
    'usage-details':
      'Ollama reports only prompt_eval_count and eval_count: no cached or reasoning token counts',
  },
});

runAdapterConformance({
  name: 'openai-compatible (Ollama /v1)',
  createAdapter: (baseURL) =>
    createOpenAICompatible({ baseURL: `${baseURL}/v1`, name: 'ollama-openai' }).chat('llama3.2'),
  startServer: () => startOllamaWireServer(),
});
