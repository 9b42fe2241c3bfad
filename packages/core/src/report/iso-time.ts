/**
 * Formats epoch milliseconds as ISO 8601 (`2026-11-25T12:00:00.123Z`), reusing the
 * date-and-time prefix within the same second and the whole text within the same
 * millisecond: a report of 100k tasks formats 200k times, dozens per millisecond.
 */
export function createIsoFormatter(): (ms: number) => string {
  let second = Number.NaN;
  let prefix = '';
  let lastWhole = Number.NaN;
  let lastText = '';
  return (ms) => {
    const whole = Math.floor(ms);
    if (whole === lastWhole) return lastText;
    lastWhole = whole;
    const s = Math.floor(whole / 1000);
    if (s !== second) {
      second = s;
      prefix = new Date(s * 1000).toISOString().slice(0, 20);
    }
    const milli = whole - s * 1000;
    lastText = `${prefix}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
    return lastText;
  };
}
