import { stemTerm } from '../text/stem-term.js';
import { STOPWORDS } from '../text/stopwords.js';

const PHRASE_BREAK = /[.,;:!?()[\]{}"“”<>|/\\\n]+|\s[-–—]\s/;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
const CACHE_LIMIT = 4096;
const cache = new Map<string, readonly string[]>();
const FILLER = new Set([
  'summarize',
  'summary',
  'summarise',
  'classify',
  'please',
  'text',
  'following',
  'answer',
  'question',
  'using',
  'use',
  'tell',
  'give',
  'make',
  'like',
  'get',
  'one',
  'two',
  'new',
  'many',
  'may',
  'might',
  'said',
  'says',
]);

/**
 * Key phrases of a text, best first (RAKE: candidate phrases are runs of content words
 * between stopwords and punctuation, scored by word degree / frequency, with repeated
 * phrases counted once). Phrases are lowercase, at most three words.
 */
export function extractKeywords(text: string, limit = 5): string[] {
  const key = `${limit}\u0000${text}`;
  const hit = cache.get(key);
  if (hit) return [...hit];
  const result = rake(text, limit);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, result);
  return [...result];
}

function rake(text: string, limit: number): string[] {
  const phrases: string[][] = [];
  for (const chunk of text.split(PHRASE_BREAK)) {
    let current: string[] = [];
    for (const match of chunk.matchAll(WORD)) {
      const word = match[0].toLowerCase().replace(/['’]s$/, '');
      if (STOPWORDS.has(word) || FILLER.has(word) || word.length < 2 || /^\d+$/.test(word)) {
        if (current.length) phrases.push(current);
        current = [];
        continue;
      }
      current.push(word);
      if (current.length === 3) {
        phrases.push(current);
        current = [];
      }
    }
    if (current.length) phrases.push(current);
  }
  const frequency = new Map<string, number>();
  const degree = new Map<string, number>();
  for (const phrase of phrases) {
    for (const word of phrase) {
      const stem = stemTerm(word);
      frequency.set(stem, (frequency.get(stem) ?? 0) + 1);
      degree.set(stem, (degree.get(stem) ?? 0) + phrase.length);
    }
  }
  const scored = new Map<string, { score: number; count: number; first: number }>();
  phrases.forEach((phrase, position) => {
    const key = phrase.join(' ');
    const entry = scored.get(key);
    if (entry) {
      entry.count++;
      return;
    }
    let score = 0;
    for (const word of phrase) {
      const stem = stemTerm(word);
      score += (degree.get(stem) ?? 0) / (frequency.get(stem) ?? 1) + (frequency.get(stem) ?? 0) - 1;
    }
    scored.set(key, { score, count: 1, first: position });
  });
  const ranked = [...scored.entries()].sort(
    (a, b) => b[1].score + b[1].count - (a[1].score + a[1].count) || a[1].first - b[1].first,
  );
  const out: string[] = [];
  const seen = new Set<string>();
  for (const [phrase] of ranked) {
    const stems = phrase.split(' ').map(stemTerm).join(' ');
    if (seen.has(stems)) continue;
    seen.add(stems);
    out.push(phrase);
    if (out.length >= limit) break;
  }
  return out;
}
