/** The demo's default question; the answer is spread across the corpus. */
export const defaultResearchQuestion =
  "Which measures of Port Averill's Cool Streets 2025 heat-resilience programme did most to reduce heat-related emergency visits, and what did they cost per resident reached?";
