import { describe, expect, it } from 'vitest';
import { LOCAL_MODEL_PRESETS, localProvider } from '../src/index.js';
import { request, user } from './__fixtures__/messages.js';

describe('localProvider', () => {
  it('resolves every preset id to a local model under that id', async () => {
    const provider = localProvider();
    for (const id of Object.keys(LOCAL_MODEL_PRESETS)) {
      const model = provider(id);
      expect(model).toMatchObject({ specificationVersion: 'v1', provider: 'local', modelId: id });
    }
    await expect(provider('fast').generate(request([user('hi')]))).resolves.toMatchObject({
      modelId: 'fast',
    });
  });

  it('lets options override a preset', async () => {
    const failures = async (model: ReturnType<ReturnType<typeof localProvider>>) => {
      let count = 0;
      for (let i = 0; i < 100; i++) await model.generate(request([user('hi')])).catch(() => count++);
      return count;
    };
    expect(await failures(localProvider()('flaky'))).toBeGreaterThan(0);
    expect(await failures(localProvider({ failureRate: 0 })('flaky'))).toBe(0);
  });

  it('runs any other id on the default preset, under that id', async () => {
    const model = localProvider()('my-model');
    expect(model.modelId).toBe('my-model');
    await expect(model.generate(request([user('hi')]))).resolves.toMatchObject({ modelId: 'my-model' });
    expect(localProvider()('toString').modelId).toBe('toString');
    expect(localProvider()('').modelId).toBe('default');
  });
});
