import { applyDecorators } from '@nestjs/common';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

// PostgreSQL text cannot hold U+0000: refused as invalid input (400) rather than failing in the database (500).
const NO_NUL = /^[^\u0000]*$/;

/** Free text kept verbatim (descriptions, notes, reasons): a string of `min`–`max` characters without NUL. */
export function IsStoredText(options: { min?: number; max: number; requireVisible?: boolean }) {
  const decorators = [
    IsString(),
    MinLength(options.min ?? 0),
    MaxLength(options.max),
    Matches(NO_NUL, { message: ({ property }) => `${property} must not contain NUL characters` }),
  ];
  if (options.requireVisible) decorators.push(Matches(/\S/, { message: ({ property }) => `${property} must not be blank` }));
  return applyDecorators(...decorators);
}
