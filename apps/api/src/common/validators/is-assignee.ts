import { applyDecorators } from '@nestjs/common';
import { IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';

/** Who works a case: 1–128 visible characters without control characters, or null to unassign. */
export function IsAssignee() {
  return applyDecorators(
    ValidateIf((_object, value) => value !== null),
    IsString(),
    MinLength(1),
    MaxLength(128),
    Matches(/^[^\u0000-\u001f\u007f]+$/, { message: ({ property }) => `${property} must not contain control characters` }),
    Matches(/\S/, { message: ({ property }) => `${property} must not be blank` }),
  );
}
