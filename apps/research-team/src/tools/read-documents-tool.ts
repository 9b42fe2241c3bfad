import { readFile } from 'node:fs/promises';
import { type Tool, tool, ValidationError } from '@baton/core';
import { z } from 'zod';
import type { Corpus } from '../corpus/load-corpus.js';

/** What `read_documents` returns: each document as markdown with the id to cite it by. */
export interface ReadDocumentsOutput {
  documents: { id: string; text: string }[];
}

/**
 * A document as the model reads it: one heading with the title and the metadata line
 * (`Type: … · Date: …`) that follows it in the file, then the body.
 */
export function formatDocument(text: string): string {
  const lines = text.trim().split(/\r?\n/);
  const title = (lines[0] ?? '').replace(/^#\s*/, '').trim();
  let next = 1;
  while (next < lines.length && lines[next]!.trim() === '') next++;
  const meta = /^type:\s/i.test(lines[next] ?? '') ? lines[next]!.trim() : undefined;
  const body = lines
    .slice(meta === undefined ? 1 : next + 1)
    .join('\n')
    .trim();
  return `# ${meta === undefined ? title : `${title} (${meta})`}\n\n${body}`;
}

const ReadDocumentsInputSchema = z.object({
  group: z.string().min(1).max(200).describe('Name of the document group to read, e.g. "cooling-centres".'),
});

/** The capability a read of `group` needs; the permission gate normalizes the untrusted scope. */
export function readDocumentsCapability(group: string): string {
  return `docs:read:/corpus/${group}`;
}

/**
 * `read_documents`: returns the documents of one corpus group. The capability is scoped
 * to the group the model asked for, and files are found through the manifest only, so a
 * group name can never become a path outside the corpus.
 */
export function readDocumentsTool(
  corpus: Corpus,
): Tool<z.infer<typeof ReadDocumentsInputSchema>, ReadDocumentsOutput> {
  return tool({
    name: 'read_documents',
    description:
      'Read all documents of one document group. Returns each document as markdown with its id (cite it as [id]).',
    input: ReadDocumentsInputSchema,
    capabilities: (input) => [readDocumentsCapability(input.group)],
    async execute(input, context) {
      const group = corpus.group(input.group);
      if (!group) {
        throw new ValidationError(
          `unknown document group ${JSON.stringify(input.group)}; groups are: ${corpus.groups.map((g) => g.group).join(', ')}`,
        );
      }
      const documents = await Promise.all(
        group.documents.map(async (document) => {
          const text = await readFile(document.path, { encoding: 'utf8', signal: context.signal });
          return { id: document.id, text: formatDocument(text) };
        }),
      );
      return { documents };
    },
  });
}
