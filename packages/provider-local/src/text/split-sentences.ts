/** One sentence of a text, with the source it came from when the text marks sources. */
export interface Sentence {
  /** The sentence, whitespace-normalized. */
  text: string;
  /** Source id from a `[doc-03]` / `Source: doc-03` marker above it, if any. */
  source: string | undefined;
  /** True for a heading or title line (kept for context, never picked as content). */
  heading: boolean;
}

const SOURCE_LINE = /^\s*\[([A-Za-z0-9][\w.:/#-]{0,79})\]\s*(.*)$/;
const SOURCE_FIELD = /^\s*(?:source|doc(?:ument)?|file|id)\s*[:=]\s*([\w.:/#-]{1,80})\s*$/i;
const HEADING = /^\s*#{1,6}\s+(.*)$/;
const BULLET = /^\s*(?:[-*•+]|\d{1,3}[.)])\s+(.*)$/;
const RULE = /^\s*(?:-{3,}|\*{3,}|={3,}|_{3,})\s*$/;
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'vs',
  'etc',
  'inc',
  'ltd',
  'co',
  'corp',
  'no',
  'fig',
  'approx',
  'e.g',
  'i.e',
  'eg',
  'ie',
  'cf',
  'al',
  'u.s',
  'u.k',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'est',
  'min',
  'max',
  'dept',
  'avg',
]);

const CACHE_LIMIT = 2048;
const cache = new Map<string, readonly Sentence[]>();

/**
 * Splits text into sentences. Understands paragraphs, bullet lists, markdown headings and
 * source markers (`[doc-03] Title` on its own line, or `Source: doc-03`): every sentence
 * below a marker carries that source until the next marker. Abbreviations (`e.g.`, `Dr.`),
 * initials and decimals do not end a sentence. Cached per string (bounded); the result is
 * shared, do not mutate it.
 */
export function splitSentences(text: string, source?: string): readonly Sentence[] {
  const key = source === undefined ? text : `${source}\u0000${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const sentences: Sentence[] = [];
  let current = source;
  let paragraph = '';
  const flush = () => {
    if (paragraph) splitParagraph(paragraph, current, sentences);
    paragraph = '';
  };
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed || RULE.test(trimmed)) {
      flush();
      continue;
    }
    const marker = SOURCE_LINE.exec(trimmed);
    if (marker && (marker[2] === '' || !/^[\s.,;:]/.test(marker[2]!))) {
      flush();
      current = marker[1];
      const title = marker[2]!.trim();
      if (title) sentences.push({ text: title, source: current, heading: true });
      continue;
    }
    const field = SOURCE_FIELD.exec(trimmed);
    if (field) {
      flush();
      current = field[1];
      continue;
    }
    const heading = HEADING.exec(trimmed);
    if (heading) {
      flush();
      sentences.push({ text: heading[1]!.trim(), source: current, heading: true });
      continue;
    }
    const bullet = BULLET.exec(trimmed);
    if (bullet) {
      flush();
      splitParagraph(bullet[1]!, current, sentences);
      continue;
    }
    paragraph = paragraph ? `${paragraph} ${trimmed}` : trimmed;
  }
  flush();
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, sentences);
  return sentences;
}

function splitParagraph(paragraph: string, source: string | undefined, out: Sentence[]): void {
  const text = paragraph.replace(/\s+/g, ' ').trim();
  let start = 0;
  const end = /[.!?…]+["'”’)\]]*(?=\s+|$)/g;
  for (let match = end.exec(text); match !== null; match = end.exec(text)) {
    const stop = match.index + match[0].length;
    if (match[0][0] === '.' && match[0].length === 1 && !endsSentence(text, match.index, stop)) continue;
    push(text.slice(start, stop), source, out);
    start = stop;
  }
  push(text.slice(start), source, out);
}

function endsSentence(text: string, dot: number, stop: number): boolean {
  const wordStart = text.lastIndexOf(' ', dot - 1) + 1;
  const word = text
    .slice(wordStart, dot)
    .toLowerCase()
    .replace(/^[("'[]+/, '');
  if (ABBREVIATIONS.has(word)) return false;
  if (/^\p{L}$/u.test(word)) return false; // an initial: "J. Smith"
  const next = text.slice(stop).trimStart();
  if (next === '') return true;
  return /^["'“‘([]?[\p{Lu}\p{N}]/u.test(next);
}

function push(raw: string, source: string | undefined, out: Sentence[]): void {
  const text = raw.trim();
  if (text.length > 1 && /[\p{L}\p{N}]/u.test(text)) out.push({ text, source, heading: false });
}
