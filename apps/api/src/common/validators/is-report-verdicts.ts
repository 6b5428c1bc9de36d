import { registerDecorator, ValidationOptions } from 'class-validator';
import { VERDICTS } from '@phonetrust/reporting';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_REPORT_VERDICTS = 100;

/** `{reportId: "upheld" | "rejected"}`: a plain object of at most 100 distinct report ids (uuids), each with a verdict. */
export function IsReportVerdicts(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isReportVerdicts',
      target: object.constructor,
      propertyName,
      options: {
        message: `${propertyName} must map at most ${MAX_REPORT_VERDICTS} distinct report ids (uuids) to ${VERDICTS.join(' or ')}`,
        ...options,
      },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
          if (Object.getPrototypeOf(value) !== Object.prototype) return false;
          const entries = Object.entries(value);
          // Ids are case-insensitive: one report named twice ("ABC…" and "abc…") is refused, not judged twice.
          const distinct = new Set(entries.map(([id]) => id.toLowerCase()));
          return (
            entries.length <= MAX_REPORT_VERDICTS &&
            distinct.size === entries.length &&
            entries.every(([id, verdict]) => UUID.test(id) && (VERDICTS as readonly unknown[]).includes(verdict))
          );
        },
      },
    });
}
