const counts = new Uint32Array(128);

/** Shannon entropy in bits per character over code units (no allocation: one shared count table). */
export function shannonEntropy(value: string): number {
  const n = value.length;
  if (n === 0) return 0;
  counts.fill(0);
  let other = 0;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 128) counts[c]!++;
    else other++;
  }
  let entropy = 0;
  for (let c = 0; c < 128; c++) {
    const k = counts[c]!;
    if (k > 0) {
      const p = k / n;
      entropy -= p * Math.log2(p);
    }
  }
  if (other > 0) {
    const p = other / n;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** How many of the classes lower, upper, digit, symbol occur in `value`. */
export function charClassCount(value: string): number {
  let lower = 0;
  let upper = 0;
  let digit = 0;
  let symbol = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = 1;
    else if (c >= 65 && c <= 90) upper = 1;
    else if (c >= 48 && c <= 57) digit = 1;
    else symbol = 1;
  }
  return lower + upper + digit + symbol;
}

/** Whether `value` looks like a random machine token rather than a word or an identifier. */
export function looksRandom(value: string, minLength = 16): boolean {
  if (value.length < minLength) return false;
  const classes = charClassCount(value);
  if (classes < 2) return false;
  const entropy = shannonEntropy(value);
  // Hex tokens top out at 4 bits/char; mixed-case base64 reaches ~5–6.
  return entropy >= (classes >= 3 ? 3.5 : 3.2);
}
