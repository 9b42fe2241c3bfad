/**
 * Whether area-group-serial form a possible US SSN: area not 000, 666 or 900–999;
 * group not 00; serial not 0000 (SSA rules since 2011 randomization).
 * @see https://www.ssa.gov/employer/randomization.html
 */
export function ssnCheck(area: string, group: string, serial: string): boolean {
  if (area.length !== 3 || group.length !== 2 || serial.length !== 4) return false;
  if (area === '000' || area === '666' || area.charCodeAt(0) === 57) return false;
  if (group === '00' || serial === '0000') return false;
  // Well-known advertising / sample numbers are still numbers people paste; keep them.
  return true;
}
