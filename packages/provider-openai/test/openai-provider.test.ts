import { describe, expect, it } from 'vitest';
import {
  createOpenAI,
  OpenAIChatLanguageModel,
  OpenAIResponsesLanguageModel,
  openaiProvider,
} from '../src/index.js';

describe('createOpenAI', () => {
  it('makes chat and responses models; provider(id) and languageModel(id) are the Responses API', () => {
    const openai = createOpenAI({ apiKey: 'k' });
    expect(openai.chat('gpt-4o-mini')).toBeInstanceOf(OpenAIChatLanguageModel);
    expect(openai.responses('gpt-4.1')).toBeInstanceOf(OpenAIResponsesLanguageModel);
    expect(openai('gpt-4.1')).toBeInstanceOf(OpenAIResponsesLanguageModel);
    expect(openai.languageModel('gpt-4.1')).toBeInstanceOf(OpenAIResponsesLanguageModel);
    const model = openai.chat('gpt-4o-mini');
    expect([model.specificationVersion, model.provider, model.modelId]).toEqual([
      'v1',
      'openai',
      'gpt-4o-mini',
    ]);
  });

  it.each<[Record<string, string | undefined>, string | undefined, string]>([
    [{}, undefined, 'https://api.openai.com'],
    [{ OPENAI_BASE_URL: 'http://proxy.local:8080/v1/' }, undefined, 'http://proxy.local:8080'],
    [{ OPENAI_BASE_URL: 'http://ignored' }, 'https://eu.api.openai.com/v1', 'https://eu.api.openai.com'],
  ])('base URL from env %j / option %s → origin %s', (env, baseURL, origin) => {
    expect(createOpenAI({ apiKey: 'k', env, ...(baseURL ? { baseURL } : {}) }).chat('m').origin).toBe(origin);
  });

  it('openaiProvider() is a registry factory (chat by default, responses on request)', () => {
    expect(openaiProvider({ apiKey: 'k' })('gpt-4o-mini')).toBeInstanceOf(OpenAIChatLanguageModel);
    expect(openaiProvider({ apiKey: 'k', api: 'responses' })('gpt-4.1')).toBeInstanceOf(
      OpenAIResponsesLanguageModel,
    );
  });
});
