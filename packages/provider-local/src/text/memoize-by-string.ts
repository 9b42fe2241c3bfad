/**
 * Wraps a pure function of one string with a bounded cache (cleared when full), so the
 * same prompt text repeated over many calls is analysed once. Results are shared between
 * callers: treat them as immutable.
 */
export function memoizeByString<T>(fn: (text: string) => T, limit = 2048): (text: string) => T {
  const cache = new Map<string, T>();
  return (text: string) => {
    const hit = cache.get(text);
    if (hit !== undefined || cache.has(text)) return hit as T;
    const value = fn(text);
    if (cache.size >= limit) cache.clear();
    cache.set(text, value);
    return value;
  };
}
