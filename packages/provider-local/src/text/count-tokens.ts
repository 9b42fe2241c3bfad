// The pre-tokenizer pattern of OpenAI's cl100k_base (contractions, letter runs with one
// leading space, 1-3 digit groups, punctuation runs, newlines, spaces). Each piece is then
// costed with a BPE-like estimate instead of a vocabulary: short common words are one
// token, longer words split into ~4-character pieces.
const PIECE =
  /'(?:[sdmt]|ll|ve|re)| ?\p{L}+| ?\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+/giu;
const NON_ASCII = /[^\x00-\x7f]/g;
const CACHE_LIMIT = 16384;
const CACHE_MIN_LENGTH = 6;
const cache = new Map<string, number>();

/**
 * Estimates how many tokens a BPE tokenizer (cl100k_base-like) would produce for `text`.
 * It is an estimate, not a tokenizer: see the package README for measured accuracy.
 * Results for strings of 6+ characters are cached (bounded), so repeated prompts cost a
 * map lookup.
 */
export function countTokens(text: string): number {
  if (text.length === 0) return 0;
  const cacheable = text.length >= CACHE_MIN_LENGTH;
  if (cacheable) {
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
  }
  let tokens = 0;
  for (const match of text.matchAll(PIECE)) tokens += costPiece(match[0]);
  if (cacheable) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, tokens);
  }
  return tokens;
}

function costPiece(piece: string): number {
  const first = piece.charCodeAt(0);
  const body = first === 32 ? piece.slice(1) : piece;
  if (body.length === 0) return 1;
  const code = body.charCodeAt(0);
  if (isLetter(code) || code > 127) {
    const wide = body.match(NON_ASCII)?.length ?? 0;
    if (wide > 0) return costNonAscii(body, wide);
    return costWord(body.length);
  }
  if (code >= 48 && code <= 57) return 1;
  if (/^\s+$/.test(piece)) return 1;
  // Punctuation runs: common pairs (`),`, `."`, `://`) merge; long runs split.
  return Math.ceil(body.replace(/[\r\n]+$/, '').length / 3) || 1;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function costWord(length: number): number {
  if (length <= 9) return 1;
  return 1 + Math.ceil((length - 9) / 4);
}

function costNonAscii(body: string, wide: number): number {
  // CJK and other scripts without spaces cost about one token per character; accented
  // Latin words cost about one extra token per accented letter.
  const ascii = body.length - wide;
  if (/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(body)) return wide + (ascii > 0 ? costWord(ascii) : 0);
  return costWord(body.length) + Math.ceil(wide / 2);
}
