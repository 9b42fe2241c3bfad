import { readFile } from 'node:fs/promises';
import { type Tool, tool, ValidationError } from '@baton/core';
import { z } from 'zod';
import type { Corpus } from '../corpus/load-corpus.js';

/** What `read_documents` returns: each document with the id to cite it by. */
export interface ReadDocumentsOutput {
  group: string;
  title: string;
  documents: { id: string; title: string; text: string }[];
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
      'Read all documents of one document group. Returns each document with its id (cite it as [id]), title and text.',
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
          const body = text.slice(text.indexOf('\n') + 1).trim();
          return { id: document.id, title: document.title, text: body };
        }),
      );
      return { group: group.group, title: group.title, documents };
    },
  });
}
