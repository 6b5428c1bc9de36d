import { parsePhone } from '@phonetrust/phone';
import { ReportCategory } from '@phonetrust/scoring';
import { contentHash } from './import-key';
import { parseLooseTime } from './report-time';
import { MapOptions, refuse, RowResult } from './row-result';

/** The columns that identify the FTC Do-Not-Call complaint layout (its public "reported calls" data). */
export const FTC_COLUMNS = ['Company_Phone_Number', 'Created_Date', 'Subject'] as const;

export function isFtcRow(fields: Record<string, unknown>): boolean {
  return 'Company_Phone_Number' in fields;
}

// First match wins; the FTC's subjects are fixed phrases ("Calls pretending to be government, businesses, or
// family and friends", "Reducing your debt (credit cards, mortgage, student loans)", …), matched by keyword.
const SUBJECT_RULES: readonly [RegExp, ReportCategory][] = [
  [/threat|violen|extort/i, 'threat'],
  [/harass|abus|obscen/i, 'harassment'],
  [/pretending|imposter|impostor|impersonat|government|family and friends/i, 'impersonation'],
  [/debt|loan|lotter|prize|sweepstake|technical support|tech support|computer|warrant|grant|investment|scam|fraud/i, 'scam'],
];

/**
 * Subject → category. Every DNC complaint is at least an unwanted call, so a subject naming nothing worse
 * (sales of solar panels, "Dropped call or no message", "Other", blank) is `spam`.
 */
export function ftcCategory(subject: string): ReportCategory {
  for (const [pattern, category] of SUBJECT_RULES) if (pattern.test(subject)) return category;
  return 'spam';
}

/**
 * A complaint of the FTC layout (`Company_Phone_Number, Created_Date, Violation_Date, Consumer_City,
 * Consumer_State, Consumer_Area_Code, Subject, Recorded_Message_Or_Robocall`): the number is read as national for
 * `--country` (US by default), Created_Date is when it is counted from. The FTC publishes no consumer id: each
 * complaint is its own reporter, with the id `ftc:` + a hash of the whole row — so complaints never dedupe each
 * other, each weighs as an established account without context (assurance 0.7), and the same row imported
 * again has the same id and key.
 */
export function mapFtcRow(fields: Record<string, unknown>, options: MapOptions): RowResult {
  const value = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string).trim() : fields[name] == null ? '' : String(fields[name]));
  const number = value('Company_Phone_Number');
  if (number === '') return refuse('missing Company_Phone_Number');
  const phone = parsePhone(number, options.country ?? 'US');
  if (!phone.ok) return refuse(`invalid phone number (${phone.reason})`);
  const created = value('Created_Date');
  if (created === '') return refuse('missing Created_Date');
  const time = parseLooseTime(created, options.nowSeconds);
  if (!time.ok) return refuse('invalid Created_Date');

  const subject = value('Subject');
  const robocall = /robocall|recorded/i.test(value('Recorded_Message_Or_Robocall'));
  const raw = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]));
  const rowHash = contentHash('ftc', raw);
  return {
    ok: true,
    report: {
      importKey: rowHash,
      phoneNumber: phone.number.e164,
      reporterId: `ftc:${rowHash.slice(0, 40)}`,
      category: ftcCategory(subject),
      description: subject === '' ? null : `FTC DNC complaint: ${subject}${robocall ? ' (robocall)' : ''}`.slice(0, 2000),
      channel: 'call',
      at: time.seconds,
      occurredAt: time.iso,
      evidence: null,
      reporterContext: null,
    },
  };
}
