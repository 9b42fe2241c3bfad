/** The demo's default question; the answer is spread across the corpus. */
export const defaultResearchQuestion =
  'Which heat measures in Port Averill did most to reduce heat-related emergency visits in 2025, and what did they cost per resident reached?';

/** The question as a clause (no trailing `?`), so a prompt reads as one instruction. */
export function questionClause(question: string): string {
  return question.trim().replace(/[?\s]+$/, '');
}
