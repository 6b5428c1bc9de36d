import { maskPhone, parseE164, parsePhone, PhoneNumber, PhoneParseResult } from '@phonetrust/phone';
import { PlatformError } from '../errors/platform-error';

/** A parsed number with the forms responses need. */
export interface NormalizedPhone extends PhoneNumber {
  readonly masked: string;
}

function orThrow(result: PhoneParseResult, field: string): NormalizedPhone {
  if (!result.ok) {
    throw new PlatformError('invalid_phone_number', `${field} is not a valid phone number (${result.reason})`, {
      reason: result.reason,
      field,
    });
  }
  return { ...result.number, masked: maskPhone(result.number) };
}

/** A number from a request body, in any common format; 400 invalid_phone_number with a reason otherwise. */
export function requirePhone(input: unknown, country?: string | null, field = 'phoneNumber'): NormalizedPhone {
  return orThrow(parsePhone(input, country), field);
}

/** A number from a URL path: E.164 only. */
export function requireE164(input: unknown, field = 'phoneNumber'): NormalizedPhone {
  return orThrow(parseE164(input), field);
}
