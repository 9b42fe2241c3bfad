/** The provider's own view of its rate limits, read from response headers, for the scheduler's buckets. */
export interface RateLimitInfo {
  /** Requests allowed per window. */
  limitRequests?: number;
  /** Requests left in the current window. */
  remainingRequests?: number;
  /** Milliseconds until the request window resets. */
  resetRequestsMs?: number;
  /** Tokens allowed per window. */
  limitTokens?: number;
  /** Tokens left in the current window. */
  remainingTokens?: number;
  /** Milliseconds until the token window resets. */
  resetTokensMs?: number;
}
