import {
  CountryCode,
  isSupportedCountry,
  NumberType,
  parsePhoneNumberWithError,
  ParseError,
  validatePhoneNumberLength,
} from 'libphonenumber-js/max';
import { normalizeDigits } from './normalize-digits';
import { PhoneNumber, PhoneNumberType, PhoneParseResult, PhoneRejectReason } from './phone-number';

/** Longest input accepted, checked before any parsing so hostile inputs cost nothing. */
export const MAX_PHONE_INPUT_LENGTH = 32;

// After digit normalisation a phone number may only contain digits, one leading '+', and the separators people
// type. Letters (vanity numbers, "ext", free text), '#', '*', ';' and ',' are refused rather than guessed at.
const ALLOWED_SHAPE = /^\+?[0-9 \u00A0\-.()/]+$/;
const KNOWN_REASONS = new Set<PhoneRejectReason>([
  'NOT_A_NUMBER',
  'INVALID_COUNTRY',
  'TOO_SHORT',
  'TOO_LONG',
  'INVALID_LENGTH',
]);

/**
 * Parses a number as a person or a platform typed it, in any common format, to E.164.
 * `country` (ISO alpha-2) is used for national formats only.
 */
export function parsePhone(input: unknown, country?: string | null): PhoneParseResult {
  if (typeof input !== 'string') return reject('NOT_A_NUMBER');
  if (input.length > MAX_PHONE_INPUT_LENGTH) return reject('TOO_LONG');
  const text = normalizeDigits(input.normalize('NFKC')).trim();
  if (text.length === 0 || !ALLOWED_SHAPE.test(text)) return reject('NOT_A_NUMBER');
  if (text.indexOf('+', 1) !== -1) return reject('NOT_A_NUMBER');
  if (!/[0-9]/.test(text)) return reject('NOT_A_NUMBER');

  let defaultCountry: CountryCode | undefined;
  if (country !== undefined && country !== null && country !== '') {
    const upper = country.toUpperCase();
    if (!/^[A-Z]{2}$/.test(upper) || !isSupportedCountry(upper)) return reject('INVALID_COUNTRY');
    defaultCountry = upper as CountryCode;
  }

  try {
    const parsed = parsePhoneNumberWithError(text, { defaultCountry, extract: false });
    if (parsed.ext) return reject('NOT_A_NUMBER');
    // With the full metadata `isValid()` is `getType() !== undefined` (both match the number against every type's
    // pattern), so a number with a type is valid and that match is made once; `isValid()` decides the rest.
    const type = parsed.getType();
    if (type === undefined && !parsed.isValid()) {
      const lengthProblem = validatePhoneNumberLength(text, { defaultCountry });
      return reject(lengthProblem && KNOWN_REASONS.has(lengthProblem) ? lengthProblem : 'INVALID');
    }
    const number: PhoneNumber = {
      e164: parsed.number,
      country: parsed.country ?? null,
      callingCode: parsed.countryCallingCode,
      nationalNumber: parsed.nationalNumber,
      type: toNumberType(type),
    };
    return { ok: true, number };
  } catch (error) {
    if (error instanceof ParseError && KNOWN_REASONS.has(error.message as PhoneRejectReason)) {
      return reject(error.message as PhoneRejectReason);
    }
    return reject('NOT_A_NUMBER');
  }
}

const E164_SHAPE = /^\+[1-9][0-9]{6,14}$/;

/**
 * Parses a number given in a URL path: E.164 only ('+' raw or %2B-decoded by the router). A path with a
 * national number is ambiguous, so it is refused rather than guessed.
 */
export function parseE164(input: unknown): PhoneParseResult {
  if (typeof input !== 'string') return reject('NOT_A_NUMBER');
  if (input.length > MAX_PHONE_INPUT_LENGTH) return reject('TOO_LONG');
  const text = normalizeDigits(input.normalize('NFKC')).trim();
  if (!E164_SHAPE.test(text)) return reject(text.startsWith('+') ? 'INVALID_LENGTH' : 'NOT_A_NUMBER');
  return parsePhone(text);
}

function reject(reason: PhoneRejectReason): PhoneParseResult {
  return { ok: false, reason };
}

function toNumberType(type: NumberType | undefined): PhoneNumberType {
  return type ? (type.toLowerCase() as PhoneNumberType) : 'unknown';
}
