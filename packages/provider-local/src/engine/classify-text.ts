import { stemTerm } from '../text/stem-term.js';
import { tokenizeTerms } from '../text/tokenize-terms.js';
import { LABEL_LEXICON } from './label-lexicon.js';

/** One candidate label, optionally with a description of what belongs under it. */
export interface LabelCandidate {
  label: string;
  description?: string;
}

/** The chosen label, its score and every label's score (for structured output and metadata). */
export interface Classification {
  label: string;
  /** Share of the total score that went to the chosen label, in [0, 1]. */
  confidence: number;
  scores: Record<string, number>;
}

const FALLBACK_LABELS = /^(other|others|general|misc|miscellaneous|unknown|none|n\/a|uncategori[sz]ed)$/i;
const lexiconCache = new Map<string, Map<string, number>>();

/**
 * Picks the label whose words best match the text. A label is scored by the text's
 * occurrences of the label's own words (weight 3), its description's words (2), and the
 * built-in lexicon for common labels such as `billing`, `outage`, `account`, `positive`
 * (1); a 5-letter prefix match counts half. With no evidence at all it falls back to an
 * `other`/`general`-like label when offered, else the first label. Ties go to the label
 * listed first.
 */
export function classifyText(text: string, labels: readonly LabelCandidate[]): Classification {
  const terms = tokenizeTerms(text);
  const frequency = new Map<string, number>();
  for (const term of terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  const prefixes = new Map<string, number>();
  for (const [term, count] of frequency) {
    if (term.length >= 5) prefixes.set(term.slice(0, 5), (prefixes.get(term.slice(0, 5)) ?? 0) + count);
  }
  const scores: Record<string, number> = {};
  let best: string | undefined;
  let bestScore = 0;
  let total = 0;
  for (const candidate of labels) {
    const weights = labelWeights(candidate);
    let score = 0;
    for (const [term, weight] of weights) {
      const exact = frequency.get(term);
      if (exact) score += weight * Math.min(exact, 3);
      else if (term.length >= 5) {
        const near = prefixes.get(term.slice(0, 5));
        if (near) score += (weight / 2) * Math.min(near, 3);
      }
    }
    scores[candidate.label] = score;
    total += score;
    if (score > bestScore) {
      bestScore = score;
      best = candidate.label;
    }
  }
  if (best === undefined) {
    const fallback = labels.find((candidate) => FALLBACK_LABELS.test(candidate.label)) ?? labels[0];
    return { label: fallback?.label ?? '', confidence: 0, scores };
  }
  return { label: best, confidence: total > 0 ? bestScore / total : 0, scores };
}

function labelWeights(candidate: LabelCandidate): Map<string, number> {
  const key = `${candidate.label}\u0000${candidate.description ?? ''}`;
  const hit = lexiconCache.get(key);
  if (hit) return hit;
  const weights = new Map<string, number>();
  const add = (terms: readonly string[], weight: number) => {
    for (const term of terms) if ((weights.get(term) ?? 0) < weight) weights.set(term, weight);
  };
  const labelTerms = tokenizeTerms(
    candidate.label.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2'),
  );
  for (const word of candidate.label.toLowerCase().split(/[^a-z0-9]+/)) {
    const lexicon = LABEL_LEXICON[word] ?? LABEL_LEXICON[stemTerm(word)];
    if (lexicon) add(tokenizeTerms(lexicon), 1);
  }
  if (candidate.description) add(tokenizeTerms(candidate.description), 2);
  add(labelTerms, 3);
  if (lexiconCache.size > 1024) lexiconCache.clear();
  lexiconCache.set(key, weights);
  return weights;
}
