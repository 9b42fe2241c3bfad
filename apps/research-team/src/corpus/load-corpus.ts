import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ValidationError } from '@baton/core';
import { z } from 'zod';

/** One document of the corpus; its id is its file name without `.md`. */
export interface CorpusDocument {
  /** Citation id, e.g. `d06-cooling-centre-attendance-report`. */
  readonly id: string;
  /** The document's title (its first `# ` line). */
  readonly title: string;
  /** Absolute path of the file. */
  readonly path: string;
}

/** A group of documents read by one reader sub-agent. */
export interface CorpusGroup {
  /** Group name, used in the reader's capability scope (`docs:read:/corpus/<group>`). */
  readonly group: string;
  /** What the group is about. */
  readonly title: string;
  readonly documents: readonly CorpusDocument[];
}

/** The corpus: its groups in manifest order and every document by id. */
export interface Corpus {
  readonly dir: string;
  readonly groups: readonly CorpusGroup[];
  readonly documents: ReadonlyMap<string, CorpusDocument>;
  /** The group with this name, or undefined. */
  group(name: string): CorpusGroup | undefined;
}

const groupName = /^[a-z0-9][a-z0-9-]{0,63}$/;
const fileName = /^[a-z0-9][a-z0-9-]*\.md$/;

/** `corpus/manifest.json`: `[{ group, title, files: [...] }]`. */
export const CorpusManifestSchema = z
  .array(
    z
      .object({
        group: z.string().regex(groupName, 'group names are lowercase letters, digits and hyphens'),
        title: z.string().min(1),
        files: z.array(z.string().regex(fileName, 'files are plain `name.md` file names in the corpus folder')).min(1),
      })
      .strict(),
  )
  .min(1);
export type CorpusManifest = z.infer<typeof CorpusManifestSchema>;

function titleOf(text: string, file: string): string {
  const first = text.split('\n', 1)[0] ?? '';
  if (!first.startsWith('# ') || first.length < 3) {
    throw new ValidationError(`corpus document ${file} must start with a "# Title" line`);
  }
  return first.slice(2).trim();
}

/**
 * Reads and checks `manifest.json` in `dir`: every group name unique, every file present
 * and listed once, every document with a title line. Document text is read later, by the
 * `read_documents` tool, so a run pays only for what its agents read.
 */
export function loadCorpus(dir: string): Corpus {
  const root = resolve(dir);
  const manifestPath = join(root, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new ValidationError(`no corpus manifest at ${manifestPath}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (error) {
    throw new ValidationError(`${manifestPath} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, [], {
      cause: error,
    });
  }
  const parsed = CorpusManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ValidationError(`invalid ${manifestPath}: ${issue.path.join('.') || '(root)'}: ${issue.message}`, [
      ...parsed.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message })),
    ]);
  }
  const documents = new Map<string, CorpusDocument>();
  const groups = new Map<string, CorpusGroup>();
  for (const entry of parsed.data) {
    if (groups.has(entry.group)) throw new ValidationError(`corpus group ${entry.group} is listed twice in ${manifestPath}`);
    const members: CorpusDocument[] = [];
    for (const file of entry.files) {
      const id = basename(file, '.md');
      if (documents.has(id)) throw new ValidationError(`corpus file ${file} is listed twice in ${manifestPath}`);
      const path = join(root, file);
      if (!existsSync(path)) throw new ValidationError(`corpus file ${file} (group ${entry.group}) does not exist in ${root}`);
      const document: CorpusDocument = { id, title: titleOf(readFileSync(path, 'utf8'), file), path };
      documents.set(id, document);
      members.push(document);
    }
    groups.set(entry.group, { group: entry.group, title: entry.title, documents: members });
  }
  return {
    dir: root,
    groups: [...groups.values()],
    documents,
    group: (name) => groups.get(name),
  };
}
