import { describe, expect, it } from 'vitest';
import { createGemini, geminiProvider } from '../src/index.js';

describe('createGemini', () => {
  it('makes the same adapter by call, .generativeModel and .languageModel', () => {
    const provider = createGemini({ apiKey: 'k' });
    for (const adapter of [
      provider('gemini-x'),
      provider.generativeModel('gemini-x'),
      provider.languageModel('gemini-x'),
    ]) {
      expect(adapter).toMatchObject({ specificationVersion: 'v1', provider: 'gemini', modelId: 'gemini-x' });
    }
    expect(geminiProvider({ apiKey: 'k' })('gemini-y')).toMatchObject({
      provider: 'gemini',
      modelId: 'gemini-y',
    });
  });
});
