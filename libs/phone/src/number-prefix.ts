/**
 * The number without its last four digits: the unit anti-pumping limits count, because SMS pumping
 * fraud walks through consecutive numbers of one range.
 */
export function numberPrefix(e164: string): string {
  return e164.slice(0, Math.max(2, e164.length - 4));
}
