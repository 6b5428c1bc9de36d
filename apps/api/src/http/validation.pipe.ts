import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, PlatformError } from '@phonetrust/platform';

/** Flattens class-validator's tree into `[{field: "evidence.attested", message}]`. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) out.push({ field, message });
    if (error.children?.length) out.push(...toFieldErrors(error.children, field));
  }
  return out;
}

/** Strict validation of bodies and queries: unknown fields are refused, values are never echoed back. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fieldErrors = toFieldErrors(errors);
      return new PlatformError('validation_failed', fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; ') || 'invalid request', {
        errors: fieldErrors,
      });
    },
  });
}
