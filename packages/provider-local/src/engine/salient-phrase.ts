import { stemTerm } from '../text/stem-term.js';
import { STOPWORDS } from '../text/stopwords.js';

const LEADING_FILLER =
  /^(?:(?:please|kindly|hey|hi|hello|ok(?:ay)?|so|now|then|first|next|also|and|just)\b[,!\s]*)+/i;
const POLITE =
  /^(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?|i(?:'d|\s+would)\s+like\s+(?:you\s+)?to\s+|i\s+(?:want|need)\s+(?:you\s+)?to\s+|help\s+me\s+(?:to\s+)?|let'?s\s+)/i;
const USE_TOOL = /^(?:use|using|call|run|invoke)\s+(?:the\s+)?[\w-]+(?:\s+tool)?\s+(?:to|for|on|with)\s+/i;
const COUNT_CLAUSE =
  /,?\s*(?:(?:show|return|give|list|get)\s+(?:me\s+)?)?(?:(?:the\s+)?(?:top|first|last|limit(?:ed)? to|up to|at most|max(?:imum)?)\s+\d+|\d+\s+(?:results?|items?|hits?|matches|entries|rows|records|documents|docs))\b.*$/i;
const TRAILING =
  /\s*(?:,?\s*please|for me|using the [\w-]+(?: tool)?|with the [\w-]+ tool|right now|now)?[\s?.!]*$/i;
const VERBS = new Set(
  (
    'find search look lookup get fetch show list read open check retrieve query tell give pull bring see locate ' +
    'summarize summarise compute calculate convert translate send email post create make write run delegate ask'
  ).split(' '),
);
const PARTICLES = new Set([
  'up',
  'out',
  'me',
  'us',
  'all',
  'any',
  'some',
  'everything',
  'anything',
  'information',
  'info',
  'details',
]);

/**
 * The part of a request that names what it is about: `Search the notes for quarterly
 * revenue targets` → `quarterly revenue targets`. Strips politeness, a leading verb, the
 * words that only name the tool (`notes` for `search_notes`), articles and prepositions at
 * the start, and trailing punctuation. Falls back to the trimmed request.
 */
export function salientPhrase(request: string, toolTerms: ReadonlySet<string> = new Set()): string {
  const key = `${[...toolTerms].join(' ')}\u0000${request}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const phrase = extractPhrase(request, toolTerms);
  if (cache.size >= 4096) cache.clear();
  cache.set(key, phrase);
  return phrase;
}

const cache = new Map<string, string>();

function extractPhrase(request: string, toolTerms: ReadonlySet<string>): string {
  const firstLine = request
    .split(/\n\s*\n/)[0]!
    .replace(/\s+/g, ' ')
    .trim();
  let text = firstLine.replace(LEADING_FILLER, '').replace(POLITE, '').replace(USE_TOOL, '');
  const words = text.split(' ');
  let start = 0;
  let strippedVerb = false;
  while (start < words.length - 1) {
    const word = words[start]!.toLowerCase().replace(/[^\p{L}\p{N}'-]/gu, '');
    if (!strippedVerb && VERBS.has(word)) {
      strippedVerb = true;
      start++;
      continue;
    }
    if (STOPWORDS.has(word) || PARTICLES.has(word) || toolTerms.has(stemTerm(word)) || word === '') {
      start++;
      continue;
    }
    break;
  }
  text = words.slice(start).join(' ').replace(COUNT_CLAUSE, '').replace(TRAILING, '').trim();
  return text || firstLine.replace(/[\s?.!]+$/, '') || request.trim();
}
