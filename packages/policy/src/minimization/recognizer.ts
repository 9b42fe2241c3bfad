/** A candidate span a recognizer proposes, before overlap resolution. */
export interface RecognizerMatch {
  start: number;
  end: number;
  /** Overrides the recognizer's base score. */
  score?: number;
}

/** Finds one kind of sensitive value: a pattern (or a finder), a validator and context words. */
export interface Recognizer {
  /** Unique name, e.g. `email`, `aws-access-key-id`. */
  name: string;
  /** Data class of what it finds, e.g. `pii.email`. */
  dataClass: string;
  /** Base score in [0, 1]. */
  score: number;
  /** Candidate pattern; the `g` flag is added when missing. Ignored when `find` is given. */
  pattern?: RegExp;
  /** Index or name of the capture group that is the sensitive value (default: the whole match). */
  group?: number | string;
  /** Cheap test run first: a list of substrings (any must occur, case-sensitive) or a function. */
  prefilter?: readonly string[] | ((text: string) => boolean);
  /** Accepts or rejects a candidate value; a number replaces the score (0 rejects). */
  validate?: (value: string, text: string, start: number, end: number) => boolean | number;
  /** Words that make a candidate more likely (matched case-insensitively near the value). */
  context?: readonly string[];
  /** Candidates without a context word are dropped. */
  requireContext?: boolean;
  /** Characters before the value searched for context words (default 48). */
  contextWindow?: number;
  /** Added to the score when a context word is present (default 0.1). */
  contextBoost?: number;
  /**
   * Full control instead of `pattern`: push candidate spans of `text` into `out` (cheapest),
   * or return them as any iterable (an array, a generator).
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: a finder that pushes into `out` returns nothing
  find?: (text: string, out: RecognizerMatch[]) => Iterable<RecognizerMatch> | undefined | void;
}

/** Identity helper that type-checks a recognizer definition. */
export function defineRecognizer(recognizer: Recognizer): Recognizer {
  return recognizer;
}
