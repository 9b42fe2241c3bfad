import type { Sentence } from '../text/split-sentences.js';
import { tokenizeTerms } from '../text/tokenize-terms.js';

const DAMPING = 0.85;
const ITERATIONS = 30;
/** Above this many sentences, TextRank's O(n²) graph gives way to TF-IDF centroid scores. */
const GRAPH_LIMIT = 250;
const DANGLING =
  /^(?:it|its|this|that|these|those|they|their|them|he|she|his|her|such|also|however|but|and|so|then)\b/i;

/** TF-IDF term vectors of the given sentences, with their Euclidean norms. */
export interface SentenceVectors {
  vectors: Map<string, number>[];
  norms: number[];
}

const vectorCache = new WeakMap<readonly Sentence[], SentenceVectors>();
const centralityCache = new WeakMap<readonly Sentence[], number[]>();

/** Builds TF-IDF vectors (smoothed IDF) over the given sentences (cached per array: treat both as immutable). */
export function vectorize(sentences: readonly Sentence[]): SentenceVectors {
  const hit = vectorCache.get(sentences);
  if (hit) return hit;
  const built = buildVectors(sentences);
  vectorCache.set(sentences, built);
  return built;
}

function buildVectors(sentences: readonly Sentence[]): SentenceVectors {
  const documentFrequency = new Map<string, number>();
  const termLists = sentences.map((sentence) => tokenizeTerms(sentence.text));
  for (const terms of termLists)
    for (const term of new Set(terms)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const n = sentences.length;
  const vectors: Map<string, number>[] = [];
  const norms: number[] = [];
  for (const terms of termLists) {
    const vector = new Map<string, number>();
    for (const term of terms) vector.set(term, (vector.get(term) ?? 0) + 1);
    let norm = 0;
    for (const [term, tf] of vector) {
      const weight = (1 + Math.log(tf)) * Math.log(1 + n / (documentFrequency.get(term) ?? 1));
      vector.set(term, weight);
      norm += weight * weight;
    }
    vectors.push(vector);
    norms.push(Math.sqrt(norm));
  }
  return { vectors, norms };
}

/** Cosine similarity of two sentence vectors. */
export function cosine(vectors: SentenceVectors, i: number, j: number): number {
  const a = vectors.vectors[i]!;
  const b = vectors.vectors[j]!;
  const denominator = vectors.norms[i]! * vectors.norms[j]!;
  if (denominator === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, weight] of small) {
    const other = large.get(term);
    if (other !== undefined) dot += weight * other;
  }
  return dot / denominator;
}

/**
 * Scores sentences by how central they are to the text (TextRank over TF-IDF cosine
 * similarity; TF-IDF centroid similarity for long texts), then adjusts: a small lead
 * bonus for the first sentence of each source, penalties for very short sentences and for
 * sentences that open with a pronoun or connective (they need their context), and a
 * boost for sentences that contain the `focus` terms (what the prompt asked about).
 * Headings score 0. Returns one score per sentence, in input order.
 */
export function rankSentences(
  sentences: readonly Sentence[],
  vectors: SentenceVectors,
  focus: ReadonlySet<string> = new Set(),
): number[] {
  const n = sentences.length;
  let centrality = centralityCache.get(sentences);
  if (!centrality || vectors !== vectorCache.get(sentences)) {
    centrality = n <= GRAPH_LIMIT ? textRank(sentences, vectors) : centroidScores(vectors);
    centralityCache.set(sentences, centrality);
  }
  const scores: number[] = new Array(n);
  let previousSource: string | undefined | null = null;
  for (let i = 0; i < n; i++) {
    const sentence = sentences[i]!;
    if (sentence.heading) {
      scores[i] = 0;
      continue;
    }
    let score = centrality[i]!;
    const first = sentence.source !== previousSource;
    previousSource = sentence.source;
    if (first) score *= 1.15;
    // A sentence that leans on the one before it ("It also…", "However, they…") reads badly alone.
    if (DANGLING.test(sentence.text)) score *= 0.8;
    const length = vectors.vectors[i]!.size;
    if (length < 4) score *= 0.5 + length * 0.1;
    if (focus.size > 0) {
      let hits = 0;
      for (const term of focus) if (vectors.vectors[i]!.has(term)) hits++;
      score *= 1 + (2 * hits) / focus.size;
    }
    scores[i] = score;
  }
  return scores;
}

function textRank(sentences: readonly Sentence[], vectors: SentenceVectors): number[] {
  const n = sentences.length;
  const weights: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const outSum = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    if (sentences[i]!.heading) continue;
    for (let j = i + 1; j < n; j++) {
      if (sentences[j]!.heading) continue;
      const similarity = cosine(vectors, i, j);
      if (similarity === 0) continue;
      weights[i]![j] = similarity;
      weights[j]![i] = similarity;
      outSum[i]! += similarity;
      outSum[j]! += similarity;
    }
  }
  let scores = new Array<number>(n).fill(1);
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    const next = new Array<number>(n).fill(1 - DAMPING);
    for (let j = 0; j < n; j++) {
      if (outSum[j] === 0) continue;
      const share = (DAMPING * scores[j]!) / outSum[j]!;
      const row = weights[j]!;
      for (let i = 0; i < n; i++) if (row[i] !== 0) next[i]! += share * row[i]!;
    }
    scores = next;
  }
  return scores;
}

function centroidScores(vectors: SentenceVectors): number[] {
  const centroid = new Map<string, number>();
  vectors.vectors.forEach((vector, i) => {
    const norm = vectors.norms[i]! || 1;
    for (const [term, weight] of vector) centroid.set(term, (centroid.get(term) ?? 0) + weight / norm);
  });
  let centroidNorm = 0;
  for (const weight of centroid.values()) centroidNorm += weight * weight;
  centroidNorm = Math.sqrt(centroidNorm) || 1;
  return vectors.vectors.map((vector, i) => {
    let dot = 0;
    for (const [term, weight] of vector) dot += weight * (centroid.get(term) ?? 0);
    return dot / ((vectors.norms[i]! || 1) * centroidNorm);
  });
}
