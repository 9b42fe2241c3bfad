import { stemTerm } from './stem-term.js';
import { STOPWORDS } from './stopwords.js';

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
const CACHE_LIMIT = 8192;
const cache = new Map<string, readonly string[]>();

/**
 * Splits text into lowercase, stemmed content terms (stopwords and one-letter words
 * dropped). Results are cached per string (bounded), so the same text repeated over many
 * calls is analysed once. The returned array is shared: do not mutate it.
 */
export function tokenizeTerms(text: string): readonly string[] {
  const hit = cache.get(text);
  if (hit) return hit;
  const terms: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    let word = match[0];
    const apostrophe = word.search(/['’]/);
    if (apostrophe > 0) word = word.slice(0, apostrophe);
    if (word.length < 2 || STOPWORDS.has(word)) continue;
    terms.push(stemTerm(word));
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, terms);
  return terms;
}

/** The distinct terms of `text`. */
export function termSet(text: string): Set<string> {
  return new Set(tokenizeTerms(text));
}
