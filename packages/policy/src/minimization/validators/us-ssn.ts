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

/** `ssnCheck` of the digits at `area` (3), `group` (2) and `serial` (4) in `text`, read in place (ASCII digits assumed). */
export function ssnCheckAt(text: string, area: number, group: number, serial: number): boolean {
  const a0 = text.charCodeAt(area);
  const a1 = text.charCodeAt(area + 1);
  const a2 = text.charCodeAt(area + 2);
  if (a0 === 57 || (a0 === 48 && a1 === 48 && a2 === 48) || (a0 === 54 && a1 === 54 && a2 === 54))
    return false;
  if (text.charCodeAt(group) === 48 && text.charCodeAt(group + 1) === 48) return false;
  for (let i = serial; i < serial + 4; i++) if (text.charCodeAt(i) !== 48) return true;
  return false;
}
