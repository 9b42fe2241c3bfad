import type { RateLimitInfo } from '@baton/core/contracts';

/**
 * `anthropic-ratelimit-*` response headers → Baton's rate-limit view. Reset headers are
 * RFC 3339 instants; they become milliseconds from `now`.
 * @see https://docs.anthropic.com/en/api/rate-limits#response-headers
 */
export function parseAnthropicRateLimit(
  headers: Record<string, string>,
  now: number = Date.now(),
): RateLimitInfo | undefined {
  const info: RateLimitInfo = {};
  let found = false;
  const set = (key: keyof RateLimitInfo, value: number | undefined) => {
    if (value === undefined) return;
    info[key] = value;
    found = true;
  };
  set('limitRequests', count(headers['anthropic-ratelimit-requests-limit']));
  set('remainingRequests', count(headers['anthropic-ratelimit-requests-remaining']));
  set('resetRequestsMs', resetMs(headers['anthropic-ratelimit-requests-reset'], now));
  set('limitTokens', count(headers['anthropic-ratelimit-tokens-limit']));
  set('remainingTokens', count(headers['anthropic-ratelimit-tokens-remaining']));
  set('resetTokensMs', resetMs(headers['anthropic-ratelimit-tokens-reset'], now));
  return found ? info : undefined;
}

function count(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function resetMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
