import type { Sentence } from '../text/split-sentences.js';
import { tokenizeTerms } from '../text/tokenize-terms.js';

const K1 = 1.2;
const B = 0.75;

/** A retrieved sentence and its BM25 score. */
export interface RetrievedSentence {
  sentence: Sentence;
  score: number;
}

/**
 * Retrieves the sentences that best answer `question` (Okapi BM25 with k1 = 1.2,
 * b = 0.75, every sentence a document). Questions asking "how many / how much / when"
 * favour sentences with numbers, "who" favours sentences naming someone. Returns up to
 * `limit` sentences with a positive score, best first; the second and later ones only when
 * they score at least 60% of the best. Cached per sentence list and question: treat the
 * result as immutable.
 */
export function answerQuestion(
  question: string,
  sentences: readonly Sentence[],
  limit = 2,
): RetrievedSentence[] {
  const query = [...new Set(tokenizeTerms(question))];
  const candidates = sentences.filter((sentence) => !sentence.heading && sentence.text !== question);
  if (query.length === 0 || candidates.length === 0) return [];
  const termLists = candidates.map((sentence) => tokenizeTerms(sentence.text));
  const averageLength = termLists.reduce((sum, terms) => sum + terms.length, 0) / termLists.length || 1;
  const documentFrequency = new Map<string, number>();
  for (const term of query) {
    let df = 0;
    for (const terms of termLists) if (terms.includes(term)) df++;
    documentFrequency.set(term, df);
  }
  const n = candidates.length;
  const wantsNumber = /\b(how (many|much|long|often|old)|when|what (year|date|time|percentage))\b/i.test(
    question,
  );
  const wantsPerson = /^\s*who\b/i.test(question);
  const scored: RetrievedSentence[] = [];
  candidates.forEach((sentence, index) => {
    const terms = termLists[index]!;
    let score = 0;
    for (const term of query) {
      let tf = 0;
      for (const t of terms) if (t === term) tf++;
      if (tf === 0) continue;
      const df = documentFrequency.get(term)!;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      score += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * terms.length) / averageLength));
    }
    if (score === 0) return;
    if (wantsNumber && /\d/.test(sentence.text)) score *= 1.25;
    if (wantsPerson && /\s\p{Lu}\p{Ll}+/u.test(sentence.text)) score *= 1.1;
    scored.push({ sentence, score });
  });
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0]?.score ?? 0;
  return scored.filter((entry, i) => i === 0 || entry.score >= best * 0.6).slice(0, limit);
}
