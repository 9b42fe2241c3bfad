import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

// Every ```ts example block in a README is written to examples/.readme/ (inside this
// workspace package, so @baton/* imports resolve), imported, and its console output is
// matched against the `<!-- expect: /regex/ -->` comment that follows the block.
const root = fileURLToPath(new URL('../../', import.meta.url));
const outDir = join(root, 'examples/.readme');

function readmes(): string[] {
  const files = [join(root, 'README.md')];
  for (const group of ['packages', 'apps']) {
    for (const name of readdirSync(join(root, group))) {
      const path = join(root, group, name, 'README.md');
      try {
        readFileSync(path);
        files.push(path);
      } catch {}
    }
  }
  return files;
}

const blockPattern = /```ts example\n([\s\S]*?)```\s*(?:<!--\s*expect:\s*\/(.+?)\/\s*-->)?/g;
const examples = readmes().flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(blockPattern)].map((match, index) => ({
    name: `${relative(root, file)} #${index + 1}`,
    slug: `${relative(root, dirname(file)).replaceAll('/', '-') || 'root'}-${index + 1}`,
    code: match[1]!,
    expected: match[2] ? new RegExp(match[2]) : undefined,
  })),
);

describe('README examples', () => {
  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples)('$name runs and prints what the README says', async ({ slug, code, expected }) => {
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, `${slug}.ts`);
    writeFileSync(file, code);
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    });
    try {
      await import(/* @vite-ignore */ `${file}?t=${Date.now()}`);
    } finally {
      log.mockRestore();
    }
    expect(lines.length).toBeGreaterThan(0);
    if (expected) expect(lines.join('\n')).toMatch(expected);
  });
});
