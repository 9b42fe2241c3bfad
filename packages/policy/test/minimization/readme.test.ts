import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { createDetector, minimizationPolicy } from '../../src/minimization/index.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('## Data minimization'), readme.indexOf('## Permissions'));
const self = readFileSync(new URL(import.meta.url), 'utf8');

/** The ts code blocks of the README's "## Data minimization" section, import lines removed. */
function readmeBlocks(): string[] {
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) =>
    m[1]!.replace(/^import .*\n\n?/m, '').trim(),
  );
}

/** The code between two markers of this file. */
function between(start: string, end: string): string {
  const from = self.indexOf(start) + start.length;
  return self
    .slice(from, self.indexOf(end, from))
    .split('\n')
    .map((line) => line.replace(/^ {4}/, ''))
    .join('\n')
    .trim();
}

describe('README: Data minimization', () => {
  it('runs the example exactly as documented', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    // --- README example ---
    const { text, findings } = createDetector().redact('Mail ann@example.com, card 4111 1111 1111 1111');
    console.log(text); // 'Mail <EMAIL_1>, card <CREDIT_CARD_1>'
    console.log(findings.map((f) => [f.type, f.start, f.end])); // [['EMAIL', 5, 20], ['CREDIT_CARD', 27, 46]]
    // In a run: createOrchestrator({ policies: [policy], ... }); tools get real values only with data:pii:read.
    const policy = minimizationPolicy({ strategies: { 'pii.card': { type: 'mask', keepLast: 4 } } });
    // --- end ---
    expect(log.mock.calls).toEqual([
      ['Mail <EMAIL_1>, card <CREDIT_CARD_1>'],
      [
        [
          ['EMAIL', 5, 20],
          ['CREDIT_CARD', 27, 46],
        ],
      ],
    ]);
    expect(policy.name).toBe('minimization');
    log.mockRestore();
    expect(readmeBlocks()[0]).toBe(between('// --- README example ---', '// --- end ---'));
  });

  it('runs the custom recognizer example as documented', () => {
    // --- README custom ---
    const detector = createDetector({
      dataClasses: [{ name: 'pii.employee_id', label: 'EMPLOYEE_ID', description: 'ACME employee number' }],
      recognizers: [
        {
          name: 'acme-employee',
          dataClass: 'pii.employee_id',
          score: 0.4,
          pattern: /\bE-\d{6}\b/,
          validate: (value) => value !== 'E-000000',
          context: ['employee'],
          contextBoost: 0.3,
        },
      ],
    });
    // --- end custom ---
    expect(readmeBlocks()[1]).toBe(between('// --- README custom ---', '// --- end custom ---'));
    expect(detector.redact('employee E-123456').text).toBe('employee <EMPLOYEE_ID_1>');
  });

  it('documents every built-in data class with its placeholder label', () => {
    for (const definition of createDetector().dataClasses.values())
      expect(section).toContain(`| \`${definition.name}\` | \`${definition.label}\` |`);
  });
});
