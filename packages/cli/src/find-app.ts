import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Agent, Budget } from '@baton/core';
import { UsageError } from './cli-io.js';

/** What a sample app exports for `baton run`. */
export interface SampleApp {
  name: string;
  description: string;
  build(options: { model: string }): {
    agent: Agent;
    input: unknown;
    principal: { id: string; grants: readonly string[] };
    requireApproval?: readonly string[];
    limits?: { concurrency?: number; budget?: Budget };
  };
}

function isSampleApp(value: unknown): value is SampleApp {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as SampleApp).name === 'string' &&
    typeof (value as SampleApp).build === 'function'
  );
}

// A workspace app's entry: its TypeScript source when running from the repo, else its build.
function entryOf(appDir: string): string {
  const pkg = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as {
    exports?: Record<string, Record<string, string> | string>;
  };
  const root = pkg.exports?.['.'];
  const conditions = typeof root === 'object' ? root : {};
  const candidates = [
    conditions['@baton/source'],
    conditions.import,
    typeof root === 'string' ? root : undefined,
  ];
  for (const candidate of candidates)
    if (candidate && existsSync(join(appDir, candidate))) return join(appDir, candidate);
  throw new UsageError(
    `app at ${appDir} has no runnable entry (build it, or run from the repository with pnpm baton)`,
  );
}

/** Folders `apps/<name>` from `cwd` up to the filesystem root. */
function findAppDir(name: string, cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    const candidate = join(dir, 'apps', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Finds and loads a sample app: a name (`research-team`, looked up as `apps/<name>` from
 * the working directory upwards) or a path to a module or app folder.
 */
export async function loadApp(reference: string, cwd: string): Promise<SampleApp> {
  const looksLikePath = reference.startsWith('.') || isAbsolute(reference) || reference.includes('/');
  let entry: string;
  if (looksLikePath) {
    const path = resolve(cwd, reference);
    if (!existsSync(path)) throw new UsageError(`no app at ${reference}`);
    entry = existsSync(join(path, 'package.json')) ? entryOf(path) : path;
  } else {
    const dir = findAppDir(reference, cwd);
    if (!dir) throw new UsageError(`unknown app '${reference}' (no apps/${reference} found from ${cwd})`);
    entry = entryOf(dir);
  }
  const module = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  const apps = Object.values(module).filter(isSampleApp);
  const app =
    apps.find((a) => a.name === reference) ?? (isSampleApp(module.default) ? module.default : apps[0]);
  if (!app) throw new UsageError(`${entry} exports no sample app (an object with name and build())`);
  return app;
}
