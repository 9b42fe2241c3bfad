import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { attenuate, capabilityGate, checkCapability, createAuditLog } from '../../src/permissions/index.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const self = readFileSync(new URL(import.meta.url), 'utf8');

/** The code of the README's "## Permissions" example, without its import line. */
function readmeExample(): string {
  const section = readme.slice(readme.indexOf('## Permissions'));
  const block = /```ts\n([\s\S]*?)```/.exec(section)![1]!;
  return block.replace(/^import .*\n\n?/m, '').trim();
}

describe('README: Permissions', () => {
  it('runs the example exactly as documented', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    // --- README example ---
    // Would this be allowed? The requested scope is normalized before matching.
    console.log(checkCapability(['fs:write:/reports/**'], 'fs:write:/reports/%2e%2e/etc/passwd'));
    // A delegated child gets parent ∩ requested (pattern intersection), never more.
    const child = attenuate(['fs:write:/reports/**', 'email:send'], ['fs:write:/**/*.md', 'crm:delete']);
    console.log(child.toArray());
    // The gate core calls on every tool call: createOrchestrator({ permissions: gate, principal }).
    const gate = capabilityGate({ requireApproval: ['email:send'] });
    console.log(gate.check(['email:send'], ['email:send:bob@example.com']).needsApproval);
    // Subscribe an audit log to a run: orchestrator.run(agent, input, { onEvent: audit.onEvent }).
    const audit = createAuditLog(); // or createAuditLog({ path: 'audit.jsonl' })
    // --- end ---
    expect(log.mock.calls).toEqual([
      [
        {
          allowed: false,
          reason: 'no grant covers fs:write:/etc/passwd',
          normalized: 'fs:write:/etc/passwd',
        },
      ],
      [['fs:write:/reports/**/*.md']],
      [['email:send:bob@example.com']],
    ]);
    expect(audit.head().seq).toBe(-1);
    log.mockRestore();
  });

  it('keeps the README example and this test identical', () => {
    const start = self.indexOf('// --- README example ---\n') + '// --- README example ---\n'.length;
    const region = self.slice(start, self.indexOf('    // --- end ---'));
    const code = region
      .split('\n')
      .map((line) => line.replace(/^ {4}/, ''))
      .join('\n')
      .trim();
    expect(code).toBe(readmeExample());
    expect(readme).toContain(
      "import { attenuate, capabilityGate, checkCapability, createAuditLog } from '@baton/policy';",
    );
  });
});
