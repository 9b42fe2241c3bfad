/** The demo's default question; the answer is spread across the corpus. */
export const defaultResearchQuestion =
  'Which heat measures in Port Averill did most to reduce heat-related emergency visits in 2025, and what did they cost per resident reached?';
