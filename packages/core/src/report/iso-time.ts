/**
 * Formats epoch milliseconds as ISO 8601 (`2026-11-25T12:00:00.123Z`), reusing the
 * date-and-time prefix within the same second: a report of 100k tasks formats 200k times.
 */
export function createIsoFormatter(): (ms: number) => string {
  let second = Number.NaN;
  let prefix = '';
  return (ms) => {
    const whole = Math.floor(ms);
    const s = Math.floor(whole / 1000);
    if (s !== second) {
      second = s;
      prefix = new Date(s * 1000).toISOString().slice(0, 20);
    }
    const milli = whole - s * 1000;
    return `${prefix}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
  };
}
