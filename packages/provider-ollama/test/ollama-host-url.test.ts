import { describe, expect, it } from 'vitest';
import { createOllama, ollamaHostURL } from '../src/ollama-provider.js';

describe('ollamaHostURL', () => {
  it.each<[string | undefined, string | undefined]>([
    ['127.0.0.1', 'http://127.0.0.1:11434/'],
    ['0.0.0.0:11434', 'http://127.0.0.1:11434/'],
    ['ollama.internal:8080', 'http://ollama.internal:8080/'],
    ['http://gpu-box:11434', 'http://gpu-box:11434/'],
    ['https://ollama.example.com', 'https://ollama.example.com/'],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j', (host, url) => {
    expect(ollamaHostURL(host)).toBe(url);
  });

  it('createOllama reads OLLAMA_HOST when no baseURL is given', () => {
    expect(createOllama({ env: { OLLAMA_HOST: 'gpu-box' } }).chat('m').origin).toBe('http://gpu-box:11434');
    expect(createOllama({ env: {} }).chat('m').origin).toBe('http://127.0.0.1:11434');
    expect(createOllama({ baseURL: 'http://x:1', env: { OLLAMA_HOST: 'gpu-box' } }).chat('m').origin).toBe(
      'http://x:1',
    );
  });

  it('languageModel(id) and provider(id) are chat(id)', () => {
    const ollama = createOllama({ env: {} });
    expect(ollama.languageModel('m').modelId).toBe('m');
    expect(ollama('m').provider).toBe('ollama');
  });
});
