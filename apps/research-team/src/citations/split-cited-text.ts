/** A run of text and the document it cites. */
export interface CitedPassage {
  /** The first document id cited right after the text; undefined for trailing uncited text. */
  source: string | undefined;
  text: string;
}

const markers = /((?:\s*\[[a-z0-9][a-z0-9-]{0,80}\])+)/g;
const firstId = /\[([a-z0-9][a-z0-9-]{0,80})\]/;

/**
 * Splits `A. B. [d1] C. [d2][d3] D.` into passages, each attributed to the citation that
 * follows it: `[{ d1, 'A. B.' }, { d2, 'C.' }, { undefined, 'D.' }]`. Empty runs are dropped.
 */
export function splitCitedText(text: string): CitedPassage[] {
  const passages: CitedPassage[] = [];
  let last = 0;
  markers.lastIndex = 0;
  for (let match = markers.exec(text); match !== null; match = markers.exec(text)) {
    const run = text.slice(last, match.index).trim();
    if (run) passages.push({ source: firstId.exec(match[1]!)![1]!, text: run });
    last = match.index + match[0].length;
  }
  const tail = text.slice(last).trim();
  if (tail) passages.push({ source: undefined, text: tail });
  return passages;
}
