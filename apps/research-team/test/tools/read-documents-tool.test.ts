import { ValidationError } from '@baton/core';
import { capabilityGate } from '@baton/policy';
import { describe, expect, it } from 'vitest';
import {
  defaultCorpusDir,
  formatDocument,
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
  it('returns every document of the group with its id, as markdown under one heading', async () => {
    const output = await readDocuments.execute({ group: 'check-in-calls' }, context);
    expect(output.documents.map((d) => d.id)).toEqual([
      'd20-check-in-calls-programme-report',
      'd21-check-in-calls-case-note',
    ]);
    const text = output.documents[0]!.text;
    expect(text.split('\n')[0]).toBe(
      '# Check-In Calls: Programme Report, Summer 2025 (Type: programme report · Date: 26 September 2025 · Author: Tomás Reyes, Volunteer Coordinator)',
    );
    expect(text.split('\n')[1]).toBe('');
    expect(text.split('\n')[2]).toMatch(/^What it is\. On every heat alert day/);
    expect(text).toContain('2,150 residents enrolled');
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

describe('formatDocument', () => {
  it.each([
    [
      'title, metadata and body',
      '# T\n\nType: memo · Date: 1 May\n\nBody.\n',
      '# T (Type: memo · Date: 1 May)\n\nBody.',
    ],
    ['no metadata line', '# T\n\nBody one.\n\nBody two.', '# T\n\nBody one.\n\nBody two.'],
    ['metadata right under the title', '# T\nType: note\nBody.', '# T (Type: note)\n\nBody.'],
    ['windows line ends', '# T\r\n\r\nType: x\r\n\r\nBody.', '# T (Type: x)\n\nBody.'],
  ])('%s', (_case, input, expected) => {
    expect(formatDocument(input)).toBe(expected);
  });
});
