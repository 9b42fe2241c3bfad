const citation = /\[([a-z0-9][a-z0-9-]{0,80})\]/g;

/**
 * Document ids cited as `[doc-id]` in `text`, in order of first appearance, keeping only
 * ids in `known` (a model may invent a citation; it does not count).
 */
export function extractCitations(
  text: string,
  known: ReadonlySet<string> | ReadonlyMap<string, unknown>,
): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  citation.lastIndex = 0;
  for (let match = citation.exec(text); match !== null; match = citation.exec(text)) {
    const id = match[1]!;
    if (!seen.has(id) && known.has(id)) {
      seen.add(id);
      found.push(id);
    }
  }
  return found;
}
