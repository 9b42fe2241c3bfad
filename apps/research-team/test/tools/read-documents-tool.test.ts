import { ValidationError } from '@baton/core';
import { capabilityGate } from '@baton/policy';
import { describe, expect, it } from 'vitest';
import {
  defaultCorpusDir,
  loadCorpus,
  readDocumentsCapability,
  readDocumentsTool,
  researchTeamGrants,
} from '../../src/index.js';

const corpus = loadCorpus(defaultCorpusDir);
const readDocuments = readDocumentsTool(corpus);
const context = {
  runId: 'r1',
  taskId: 't1',
  agent: 'reader',
  signal: new AbortController().signal,
  capabilities: researchTeamGrants,
};

describe('read_documents', () => {
  it('returns every document of the group with its id, title and text without the title line', async () => {
    const output = await readDocuments.execute({ group: 'check-in-calls' }, context);
    expect(output.group).toBe('check-in-calls');
    expect(output.documents.map((d) => d.id)).toEqual([
      'd20-check-in-calls-programme-report',
      'd21-check-in-calls-case-note',
    ]);
    expect(output.documents[0]!.title).toBe('Check-In Calls: Programme Report, Summer 2025');
    expect(output.documents[0]!.text).toMatch(/^Type: programme report/);
    expect(output.documents[0]!.text).toContain('2,150 residents enrolled');
  });

  it('refuses an unknown group with a ValidationError listing the groups', async () => {
    const error = await Promise.resolve(readDocuments.execute({ group: '../../etc' }, context)).catch(
      (e: unknown) => e,
    );
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /unknown document group "\.\.\/\.\.\/etc"; groups are: programme, budget/,
    );
  });

  it('validates its input', () => {
    expect(readDocuments.input.safeParse({}).success).toBe(false);
    expect(readDocuments.input.safeParse({ group: '' }).success).toBe(false);
    expect(readDocuments.inputJsonSchema).toMatchObject({ type: 'object', required: ['group'] });
  });

  it('needs a capability scoped to the group it reads', () => {
    const capabilities = readDocuments.capabilities as (input: { group: string }) => readonly string[];
    expect(capabilities({ group: 'budget' })).toEqual(['docs:read:/corpus/budget']);
  });

  it.each([
    ['budget', true],
    ['cooling-centres', true],
    ['../secrets', false],
    ['budget/../../etc/passwd', false],
    ['%2e%2e/%2e%2e/etc', false],
    ['..\\..\\etc', false],
  ])('under the demo grants, reading group %j is allowed: %s', (group, allowed) => {
    const gate = capabilityGate();
    expect(gate.check(researchTeamGrants, [readDocumentsCapability(group)]).allowed).toBe(allowed);
  });
});
