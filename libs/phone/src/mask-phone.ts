import { parsePhone } from './parse-phone';
import { PhoneNumber } from './phone-number';

/**
 * The form shown to people and written to logs: country code, the first digits of the national number,
 * the last four, and the middle hidden — `+86 138****8000`.
 */
export function maskPhone(number: Pick<PhoneNumber, 'callingCode' | 'nationalNumber'>): string {
  const national = number.nationalNumber;
  const keepTail = Math.min(4, Math.max(0, national.length - 2));
  const keepHead = Math.min(3, Math.max(0, national.length - keepTail - 2));
  const hidden = national.length - keepHead - keepTail;
  return `+${number.callingCode} ${national.slice(0, keepHead)}${'*'.repeat(hidden)}${national.slice(national.length - keepTail)}`;
}

/** Masks any E.164-looking run in free text (URLs, log lines) without parsing it. */
export function maskE164InText(text: string): string {
  return text.replace(/(\+|%2B)([0-9]{3})([0-9]{2,8})([0-9]{4})(?![0-9])/gi, (_m, plus, head, mid, tail) => {
    return `${plus}${head}${'*'.repeat(mid.length)}${tail}`;
  });
}

/** Masks an E.164 number (parsed for its country code); digits are starred blindly if it does not parse. */
export function maskE164(e164: string): string {
  const parsed = parsePhone(e164);
  return parsed.ok ? maskPhone(parsed.number) : e164.replace(/[0-9](?=[0-9]{4})/g, '*');
}
