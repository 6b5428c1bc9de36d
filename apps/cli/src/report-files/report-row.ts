import { parsePhone } from '@phonetrust/phone';
import { REPORT_CHANNELS, ReportChannel } from '@phonetrust/reporting';
import { REPORT_CATEGORIES, ReportCategory, ReporterContext } from '@phonetrust/scoring';
import { contentHash } from './import-key';
import { parseReportTime } from './report-time';
import { MapOptions, refuse, RowResult } from './row-result';

const NO_CONTROL = /^[^\u0000-\u001f\u007f]+$/;
const MAX_REPORTER_ID = 128;
const MAX_DESCRIPTION = 2000;
const MAX_INTERACTION_ID = 128;

/**
 * A row in the service's own fields (those of POST /v1/reports, SPEC §5), from JSON Lines (nested `evidence` and
 * `reporterContext`) or CSV (flat: interactionId, attested, accountAgeDays, verifiedBuyer). Checked by the rules
 * the API's DTO applies, with the same phone library. The import key is a hash of the normalised row, so a
 * number written two ways is still the same row.
 */
export function mapReportRow(fields: Record<string, unknown>, options: MapOptions): RowResult {
  const text = (name: string) => {
    const v = fields[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  for (const required of ['phoneNumber', 'reporterId', 'category']) if (text(required) === undefined) return refuse(`missing ${required}`);

  const phone = parsePhone(text('phoneNumber'), text('country') ?? options.country);
  if (!phone.ok) return refuse(`invalid phone number (${phone.reason})`);

  const reporterId = text('reporterId')!;
  if (reporterId.length > MAX_REPORTER_ID || !NO_CONTROL.test(reporterId)) return refuse('invalid reporterId');

  const category = text('category')!.toLowerCase();
  if (!(REPORT_CATEGORIES as readonly string[]).includes(category)) return refuse('unknown category');

  const description = typeof fields.description === 'string' && fields.description !== '' ? fields.description : null;
  if (fields.description !== undefined && fields.description !== null && typeof fields.description !== 'string') return refuse('invalid description');
  if (description !== null && (description.length > MAX_DESCRIPTION || description.includes('\u0000'))) return refuse('invalid description');

  const channel = text('channel')?.toLowerCase() ?? null;
  if (channel !== null && !(REPORT_CHANNELS as readonly string[]).includes(channel)) return refuse('unknown channel');

  const occurred = text('occurredAt');
  const time = occurred === undefined ? null : parseReportTime(occurred, options.nowSeconds);
  if (time && !time.ok) return refuse('invalid occurredAt');

  const evidence = evidenceOf(fields);
  if (evidence === 'invalid') return refuse('invalid evidence');
  const context = contextOf(fields);
  if (context === 'invalid') return refuse('invalid reporterContext');

  const normalised = {
    phoneNumber: phone.number.e164,
    reporterId,
    category: category as ReportCategory,
    description,
    channel: channel as ReportChannel | null,
    occurredAt: time?.ok ? time.iso : null,
    evidence,
    reporterContext: context,
  };
  return {
    ok: true,
    report: {
      ...normalised,
      importKey: contentHash('report', normalised),
      at: time?.ok ? time.seconds : options.nowSeconds,
    },
  };
}

function nested(fields: Record<string, unknown>, object: string, name: string): unknown {
  const parent = fields[object];
  if (parent && typeof parent === 'object' && name in (parent as object)) return (parent as Record<string, unknown>)[name];
  const flat = fields[name];
  return flat === '' ? undefined : flat;
}

function bool(value: unknown): boolean | undefined | 'invalid' {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  return 'invalid';
}

function evidenceOf(fields: Record<string, unknown>): ImportEvidence | null | 'invalid' {
  const interactionId = nested(fields, 'evidence', 'interactionId');
  const attested = bool(nested(fields, 'evidence', 'attested'));
  if (interactionId === undefined && attested === undefined && fields.evidence === undefined) return null;
  if (typeof interactionId !== 'string' || interactionId.length < 1 || interactionId.length > MAX_INTERACTION_ID || !NO_CONTROL.test(interactionId)) return 'invalid';
  if (typeof attested !== 'boolean') return 'invalid';
  return { interactionId, attested };
}

function contextOf(fields: Record<string, unknown>): ReporterContext | null | 'invalid' {
  const age = nested(fields, 'reporterContext', 'accountAgeDays');
  const verified = bool(nested(fields, 'reporterContext', 'verifiedBuyer'));
  if (age === undefined && verified === undefined && fields.reporterContext === undefined) return null;
  const days = typeof age === 'string' && /^\d+$/.test(age.trim()) ? Number(age) : age;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > 36500) return 'invalid';
  if (typeof verified !== 'boolean') return 'invalid';
  return { accountAgeDays: days, verifiedBuyer: verified };
}

type ImportEvidence = { interactionId: string; attested: boolean };
