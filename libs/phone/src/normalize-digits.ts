const DECIMAL_DIGIT = /\p{Nd}/u;

/**
 * Maps every Unicode decimal digit (full-width, Arabic-Indic, Devanagari, …) to its ASCII digit and the
 * full-width and small plus signs to '+'. Unicode lays out every decimal-digit run as 0…9 in order, so a
 * digit's value is its distance from the start of its run, modulo 10.
 */
export function normalizeDigits(input: string): string {
  let out = '';
  for (const ch of input) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x30 && cp <= 0x39) {
      out += ch;
    } else if (ch === '\uFF0B' || ch === '\uFE62' || ch === '\u207A') {
      out += '+';
    } else if (DECIMAL_DIGIT.test(ch)) {
      out += String(digitValue(cp));
    } else {
      out += ch;
    }
  }
  return out;
}

function digitValue(cp: number): number {
  let start = cp;
  while (start > 0 && DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}
