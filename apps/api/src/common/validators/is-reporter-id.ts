import { applyDecorators } from '@nestjs/common';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export const MAX_REPORTER_ID_LENGTH = 128;

/** The platform's opaque consumer id (SPEC §5): 1–128 characters, no control characters. */
export function IsReporterId() {
  return applyDecorators(
    IsString(),
    MinLength(1),
    MaxLength(MAX_REPORTER_ID_LENGTH),
    Matches(/^[^\u0000-\u001f\u007f]+$/, { message: ({ property }) => `${property} must not contain control characters` }),
  );
}
