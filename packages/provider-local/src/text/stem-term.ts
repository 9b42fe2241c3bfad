/**
 * A light suffix-stripping stemmer (a small subset of Porter's rules), so that
 * "invoices"/"invoiced"/"invoicing" and "summaries"/"summary" meet. Deterministic and
 * allocation-light; it over-stems rarely and never produces an empty term.
 */
export function stemTerm(term: string): string {
  let word = term;
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) word = `${word.slice(0, -3)}y`;
  else if (word.endsWith('sses')) word = word.slice(0, -2);
  else if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is'))
    word = word.slice(0, -1);
  if (word.length > 5 && word.endsWith('ing')) word = undouble(word.slice(0, -3));
  else if (word.length > 4 && word.endsWith('ed') && !word.endsWith('eed'))
    word = undouble(word.slice(0, -2));
  if (word.length > 6 && word.endsWith('ation')) word = word.slice(0, -5);
  else if (word.length > 5 && word.endsWith('ly')) word = word.slice(0, -2);
  else if (word.length > 6 && word.endsWith('ment')) word = word.slice(0, -4);
  if (word.length > 4 && word.endsWith('e')) word = word.slice(0, -1);
  if (word.length > 4 && word.endsWith('y')) word = `${word.slice(0, -1)}i`;
  return word;
}

function undouble(word: string): string {
  const n = word.length;
  if (n > 3 && word[n - 1] === word[n - 2] && !'lsz'.includes(word[n - 1]!)) return word.slice(0, -1);
  return word;
}
