import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { BudgetSchema } from '../contracts/budget.js';
import { ValidationError } from '../errors/validation-error.js';

/** `baton.config.*`: the settings that make swapping a provider a config change. */
export const BatonConfigSchema = z
  .object({
    /** Default model reference for agents that name none, e.g. `openai:gpt-5.5`. */
    model: z.string().optional(),
    /** Short names for model references. */
    aliases: z.record(z.string(), z.string()).optional(),
    /** Run-wide limits. */
    limits: z
      .object({ concurrency: z.number().int().positive().optional(), budget: BudgetSchema.optional() })
      .strict()
      .optional(),
    /** Price overrides, USD per 1M tokens, keyed `provider:model`. */
    prices: z
      .record(
        z.string(),
        z.object({
          input: z.number(),
          output: z.number(),
          cachedInput: z.number().optional(),
          cacheWriteInput: z.number().optional(),
        }),
      )
      .optional(),
    /** Fallback models by `provider:model`, tried in order after repeated failure. */
    fallbacks: z.record(z.string(), z.array(z.string())).optional(),
    /** Options passed to each provider's factory, keyed by provider name. */
    providers: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  })
  .strict();
export type BatonConfig = z.infer<typeof BatonConfigSchema>;

/** Identity helper that type-checks a `baton.config.ts`. */
export function defineConfig(config: BatonConfig): BatonConfig {
  return config;
}

const configFiles = ['baton.config.ts', 'baton.config.mjs', 'baton.config.js', 'baton.config.json'];

/** The model used when neither the agent nor config names one. */
export const fallbackModel = 'local:default';

/**
 * Loads `baton.config.{ts,mjs,js,json}` from `cwd` (the first that exists) and applies
 * `BATON_MODEL` from the environment on top. A `.ts` config needs a TypeScript-aware
 * runtime (the repo's `pnpm baton` runs under tsx); use `.mjs` or `.json` elsewhere.
 */
export async function loadConfig(options: {
  cwd: string;
  env?: NodeJS.ProcessEnv;
}): Promise<BatonConfig & { file?: string }> {
  const file = configFiles.map((name) => join(options.cwd, name)).find((path) => existsSync(path));
  let raw: unknown = {};
  if (file) {
    try {
      raw = file.endsWith('.json')
        ? JSON.parse(await readFile(file, 'utf8'))
        : ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
    } catch (error) {
      throw new ValidationError(
        `cannot load ${file}: ${error instanceof Error ? error.message : String(error)}`,
        [],
        {
          cause: error,
        },
      );
    }
  }
  const parsed = BatonConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ValidationError(
      `invalid ${file ?? 'config'}: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
      [...parsed.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message }))],
    );
  }
  const config: BatonConfig & { file?: string } = { ...parsed.data };
  if (file) config.file = file;
  const envModel = options.env?.BATON_MODEL;
  if (envModel) config.model = envModel;
  return config;
}
