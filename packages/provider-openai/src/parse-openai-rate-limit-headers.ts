import type { RateLimitInfo } from '@baton/core/contracts';

const unitMs: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/**
 * Parses OpenAI's reset durations (`1s`, `6m0s`, `20ms`, `1h2m3.5s`, `0.5s`) to milliseconds;
 * `undefined` when the text is not such a duration.
 */
export function parseOpenAIDurationMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (!/^(\d+(\.\d+)?(h|ms|m|s))+$/.test(trimmed)) {
    // A bare number is seconds.
    return /^\d+(\.\d+)?$/.test(trimmed) ? Math.round(Number(trimmed) * 1000) : undefined;
  }
  let total = 0;
  for (const match of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    total += Number(match[1]) * (unitMs[match[2]!] ?? 0);
  }
  return Math.round(total);
}

function integer(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text.trim())) return undefined;
  return Number(text.trim());
}

/**
 * Reads OpenAI's `x-ratelimit-*` response headers into `RateLimitInfo` for the scheduler;
 * `undefined` when none are present.
 * @see https://platform.openai.com/docs/guides/rate-limits#rate-limits-in-headers
 */
export function parseOpenAIRateLimitHeaders(headers: Record<string, string>): RateLimitInfo | undefined {
  const info: RateLimitInfo = {};
  const set = (key: keyof RateLimitInfo, value: number | undefined) => {
    if (value !== undefined) info[key] = value;
  };
  set('limitRequests', integer(headers['x-ratelimit-limit-requests']));
  set('remainingRequests', integer(headers['x-ratelimit-remaining-requests']));
  set('resetRequestsMs', parseOpenAIDurationMs(headers['x-ratelimit-reset-requests']));
  set('limitTokens', integer(headers['x-ratelimit-limit-tokens']));
  set('remainingTokens', integer(headers['x-ratelimit-remaining-tokens']));
  set('resetTokensMs', parseOpenAIDurationMs(headers['x-ratelimit-reset-tokens']));
  return Object.keys(info).length > 0 ? info : undefined;
}
