import { existsSync, readdirSync } from 'node:fs';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// One vitest project per workspace folder that has a test/ directory, so `pnpm test`
// runs everything in one process and `pnpm test --project core` runs one package.
// The `@baton/source` export condition resolves workspace packages to their TypeScript
// source, so tests never need a build first.
const conditions = ['@baton/source', ...defaultServerConditions];
const nodeConditions = conditions.filter((condition) => condition !== 'module');
const projects = ['packages', 'apps'].flatMap((group) =>
  readdirSync(group, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(`${group}/${entry.name}/test`))
    .map((entry) => ({
      extends: true as const,
      test: { name: entry.name, root: `./${group}/${entry.name}`, include: ['test/**/*.test.ts'] },
    })),
);
projects.push({
  extends: true,
  test: { name: 'readme-examples', root: './examples', include: ['test/**/*.test.ts'] },
});

export default defineConfig({
  resolve: { conditions },
  // Node (vitest passes these to its workers as --conditions) gets no `module` condition:
  // packages map it to bundler-only ESM builds (e.g. @smithy's `dist-es`, with
  // extension-less imports) that Node cannot load, even through `require`.
  ssr: { resolve: { conditions: nodeConditions, externalConditions: nodeConditions } },
  test: {
    projects,
    // CI also writes a JSON summary so .ci/run can print one closing "N passed, N failed" line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.vitest/results.json' }]] : ['default'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
