import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOrchestrator, createRegistry, defineAgent, loadConfig, parseModelRef } from '@baton/core';
import { describe, expect, it } from 'vitest';
import { scriptedModel, text } from '../helpers/scripted-model.js';

describe('model registry', () => {
  it('parses references whose model part has colons', () => {
    expect(parseModelRef('bedrock:anthropic.claude-v2:1')).toEqual({
      provider: 'bedrock',
      modelId: 'anthropic.claude-v2:1',
    });
    expect(() => parseModelRef('gpt-5.5')).toThrow(/provider:model/);
    expect(() => parseModelRef('openai:')).toThrow(/provider:model/);
  });

  it('resolves each reference once, through aliases and a wrapper', () => {
    const made: string[] = [];
    const registry = createRegistry({
      providers: {
        a: (id) => {
          made.push(id);
          return scriptedModel([], { provider: 'a', modelId: id });
        },
      },
      aliases: { fast: 'a:small' },
      wrap: (adapter, ref) => ({ ...adapter, modelId: `${adapter.modelId}@${ref}` }),
    });
    expect(registry.resolve('fast').modelId).toBe('small@a:small');
    expect(registry.resolve('fast')).toBe(registry.resolve('fast'));
    expect(made).toEqual(['small']);
    expect(() => registry.resolve('zzz:m')).toThrow(/unknown provider "zzz".*registered: a/);
  });

  it('swaps the provider of an unchanged agent through config', async () => {
    const one = scriptedModel([text('from one')], { provider: 'one' });
    const two = scriptedModel([text('from two')], { provider: 'two' });
    const registry = createRegistry({ providers: { one: () => one, two: () => two } });
    const agent = defineAgent({ name: 'same' });
    const dir = mkdtempSync(join(tmpdir(), 'baton-config-'));
    writeFileSync(
      join(dir, 'baton.config.json'),
      JSON.stringify({ model: 'one:m', limits: { concurrency: 2 } }),
    );
    const fromFile = await loadConfig({ cwd: dir, env: {} });
    expect(fromFile).toMatchObject({ model: 'one:m', limits: { concurrency: 2 } });
    const a = await createOrchestrator({ registry, defaultModel: fromFile.model! }).run(agent, 'x');
    const fromEnv = await loadConfig({ cwd: dir, env: { BATON_MODEL: 'two:m' } });
    const b = await createOrchestrator({ registry, defaultModel: fromEnv.model! }).run(agent, 'x');
    expect([a.output, b.output]).toEqual(['from one', 'from two']);
  });

  it('names the bad key of an invalid config file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-config-'));
    writeFileSync(join(dir, 'baton.config.json'), JSON.stringify({ limits: { concurrency: 0 } }));
    await expect(loadConfig({ cwd: dir })).rejects.toThrow(/limits\.concurrency/);
    writeFileSync(join(dir, 'baton.config.json'), '{ nope');
    await expect(loadConfig({ cwd: dir })).rejects.toThrow(/cannot load .*baton\.config\.json/);
  });

  it('loads an ES module config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-config-'));
    writeFileSync(
      join(dir, 'baton.config.mjs'),
      "export default { model: 'openai:gpt-5.5', aliases: { fast: 'local:default' } };",
    );
    expect(await loadConfig({ cwd: dir })).toMatchObject({
      model: 'openai:gpt-5.5',
      aliases: { fast: 'local:default' },
    });
  });
});
