import { describe, expect, it } from 'vitest';
import { bedrockProvider, createBedrock } from '../src/index.js';

describe('createBedrock', () => {
  it('makes the same Converse adapter by call, .converse and .languageModel, without reading credentials yet', () => {
    const provider = createBedrock({ env: {} });
    for (const adapter of [
      provider('amazon.nova-lite-v1:0'),
      provider.converse('amazon.nova-lite-v1:0'),
      provider.languageModel('amazon.nova-lite-v1:0'),
    ]) {
      expect(adapter).toMatchObject({
        specificationVersion: 'v1',
        provider: 'bedrock',
        modelId: 'amazon.nova-lite-v1:0',
      });
    }
    expect(bedrockProvider({ env: {} })('meta.llama3-3-70b-instruct-v1:0')).toMatchObject({
      provider: 'bedrock',
    });
  });
});
