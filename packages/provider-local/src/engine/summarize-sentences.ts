import { countTokens } from '../text/count-tokens.js';
import type { Sentence } from '../text/split-sentences.js';
import { cosine, rankSentences, vectorize } from './rank-sentences.js';

/** How to pick a summary. */
export interface SummaryOptions {
  /** Most sentences to keep (default: about a quarter of the text, 1–5, more for many sources). */
  maxSentences?: number;
  /** Token budget for the joined summary (`maxOutputTokens`). */
  maxTokens?: number;
  /** Terms the prompt asked about; sentences containing them rank higher. */
  focus?: ReadonlySet<string>;
}

/** The chosen sentences, in original order. `truncated` when even one sentence overflowed the budget. */
export interface Summary {
  sentences: Sentence[];
  truncated: boolean;
}

const REDUNDANT = 0.75;
const contentCache = new WeakMap<readonly Sentence[], readonly Sentence[]>();

/**
 * Extractive summary: ranks sentences (see `rankSentences`), then greedily takes the best
 * ones while skipping near-duplicates of what is already taken (cosine > 0.75) and
 * preferring sources not yet covered, within the sentence and token budgets. The result
 * keeps the original order so it reads like the text.
 */
export function summarizeSentences(all: readonly Sentence[], options: SummaryOptions = {}): Summary {
  let content = contentCache.get(all);
  if (!content) {
    content = all.filter((sentence) => !sentence.heading);
    contentCache.set(all, content);
  }
  if (content.length === 0) return { sentences: [], truncated: false };
  const sources = new Set(content.map((sentence) => sentence.source).filter(Boolean)).size;
  const limit = options.maxSentences ?? defaultLength(content.length, sources);
  const vectors = vectorize(content);
  const scores = rankSentences(content, vectors, options.focus);
  const order = content.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const chosen: number[] = [];
  const covered = new Set<string | undefined>();
  let tokens = 0;
  const remaining = [...order];
  while (chosen.length < limit && remaining.length > 0) {
    // Prefer the best sentence from a source not yet covered when it is at least half as good.
    let pick = 0;
    if (sources > 1 && covered.has(content[remaining[0]!]!.source)) {
      const best = scores[remaining[0]!]!;
      const fresh = remaining.findIndex((i) => !covered.has(content[i]!.source) && scores[i]! >= best * 0.5);
      if (fresh > 0) pick = fresh;
    }
    const index = remaining.splice(pick, 1)[0]!;
    if (chosen.some((other) => cosine(vectors, index, other) > REDUNDANT)) continue;
    const cost = countTokens(content[index]!.text) + 1;
    if (options.maxTokens !== undefined && tokens + cost > options.maxTokens) {
      if (chosen.length === 0) return { sentences: [content[index]!], truncated: true };
      continue;
    }
    tokens += cost;
    chosen.push(index);
    covered.add(content[index]!.source);
  }
  chosen.sort((a, b) => a - b);
  return { sentences: chosen.map((i) => content[i]!), truncated: false };
}

function defaultLength(count: number, sources: number): number {
  if (count <= 2) return count;
  const base = Math.min(5, Math.max(1, Math.round(count / 4)));
  return sources > 1 ? Math.max(base, Math.min(sources, 8)) : base;
}
