import { isIP } from 'class-validator';
import { FileReportInput, REPORT_CHANNELS } from '@phonetrust/reporting';
import { REPORT_CATEGORIES } from '@phonetrust/scoring';
import { isPastDateTime } from '../common/validators/is-past-date-time';

/** Printable ASCII: no control characters, and one UTF-16 unit per character, so `length` is every rule's length. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const COUNTRY = /^[A-Za-z]{2}$/;
/** `FileReportDto`'s fields (the spec checks they stay the same). */
export const PLAIN_REPORT_FIELDS = new Set(['phoneNumber', 'country', 'reporterId', 'category', 'description', 'channel', 'occurredAt', 'evidence', 'reporterContext', 'clientIp']);

/**
 * The report bodies `FileReportDto` accepts that are plain enough to check without class-validator: every string
 * printable ASCII, no `null`, no field the DTO lacks. It never accepts a body the DTO refuses (`plain-report.spec.ts`
 * runs both over the same bodies); it may pass on one the DTO accepts — that body then takes the validation pipe,
 * which also gives every refusal its error. Returns the body itself, for the service, or undefined.
 */
export function plainReport(body: unknown): FileReportInput | undefined {
  if (!isRecord(body) || !Object.keys(body).every((key) => PLAIN_REPORT_FIELDS.has(key))) return undefined;
  const { phoneNumber, country, reporterId, category, description, channel, occurredAt, evidence, reporterContext, clientIp } = body;
  const plain =
    text(phoneNumber, 1, 32) &&
    (country === undefined || (typeof country === 'string' && COUNTRY.test(country))) &&
    text(reporterId, 1, 128) &&
    oneOf(category, REPORT_CATEGORIES) &&
    (description === undefined || text(description, 0, 2000)) &&
    (channel === undefined || oneOf(channel, REPORT_CHANNELS)) &&
    (occurredAt === undefined || isPastDateTime(occurredAt)) &&
    (evidence === undefined || isEvidence(evidence)) &&
    (reporterContext === undefined || isReporterContext(reporterContext)) &&
    (clientIp === undefined || (typeof clientIp === 'string' && isIP(clientIp)));
  return plain ? (body as unknown as FileReportInput) : undefined;
}

function isEvidence(value: unknown): boolean {
  return isRecord(value) && hasOnly(value, 2) && text(value.interactionId, 1, 128) && typeof value.attested === 'boolean';
}

function isReporterContext(value: unknown): boolean {
  if (!isRecord(value) || !hasOnly(value, 2)) return false;
  const { accountAgeDays, verifiedBuyer } = value;
  return Number.isInteger(accountAgeDays) && (accountAgeDays as number) >= 0 && (accountAgeDays as number) <= 36500 && typeof verifiedBuyer === 'boolean';
}

function text(value: unknown, min: number, max: number): boolean {
  return typeof value === 'string' && value.length >= min && value.length <= max && PRINTABLE_ASCII.test(value);
}

function oneOf(value: unknown, allowed: readonly string[]): boolean {
  return typeof value === 'string' && allowed.includes(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/** Exactly `count` own keys: with the checks of both required fields, nothing else. */
function hasOnly(value: Record<string, unknown>, count: number): boolean {
  return Object.keys(value).length === count;
}
