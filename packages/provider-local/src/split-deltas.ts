/** Splits text into word-sized deltas that concatenate back to the text exactly. */
export function splitDeltas(text: string): string[] {
  return text.match(/\s*\S+|\s+/g) ?? [];
}
