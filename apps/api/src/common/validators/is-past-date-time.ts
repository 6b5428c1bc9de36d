import { registerDecorator, ValidationOptions } from 'class-validator';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
/** Clocks differ: a moment up to this far ahead is accepted as "now". */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** An ISO 8601 date-time with a zone, not in the future (when something happened). */
export function isPastDateTime(value: unknown): boolean {
  if (typeof value !== 'string' || !DATE_TIME.test(value)) return false;
  const at = Date.parse(value);
  return !Number.isNaN(at) && at >= Date.UTC(1970, 0, 1) && at <= Date.now() + CLOCK_SKEW_MS;
}

/** `isPastDateTime` as a class-validator decorator. */
export function IsPastDateTime(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isPastDateTime',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be an ISO 8601 date-time with a time zone, not in the future`, ...options },
      validator: { validate: isPastDateTime },
    });
}
