/** Clocks differ: a moment up to this far ahead is accepted as "now" (as POST /v1/reports does). */
const CLOCK_SKEW_SECONDS = 5 * 60;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const NAIVE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;

export type ParsedTime = { readonly ok: true; readonly seconds: number; readonly iso: string } | { readonly ok: false };

/** The service's own rows: ISO 8601 with a zone, not in the future — the rule of POST /v1/reports. */
export function parseReportTime(text: string, nowSeconds: number): ParsedTime {
  if (!ISO_WITH_ZONE.test(text)) return { ok: false };
  return checked(Date.parse(text), nowSeconds);
}

/**
 * The FTC layout's Created_Date: "2024-03-05 14:22:11", "2024-03-05", "03/05/2024 2:22 PM" or ISO 8601.
 * A time without a zone is read as UTC (the FTC publishes no zone; the error is hours, the half-life weeks).
 */
export function parseLooseTime(text: string, nowSeconds: number): ParsedTime {
  if (ISO_WITH_ZONE.test(text)) return checked(Date.parse(text), nowSeconds);
  let m = NAIVE.exec(text) ?? DATE_ONLY.exec(text);
  if (m) return utc(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), Number(`0.${m[7] ?? '0'}`), nowSeconds);
  m = US.exec(text);
  if (m) {
    let hour = +(m[4] ?? 0);
    const half = m[7]?.toLowerCase();
    if (half && (hour < 1 || hour > 12)) return { ok: false };
    if (half === 'pm' && hour < 12) hour += 12;
    if (half === 'am' && hour === 12) hour = 0;
    return utc(+m[3], +m[1], +m[2], hour, +(m[5] ?? 0), +(m[6] ?? 0), 0, nowSeconds);
  }
  return { ok: false };
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, fraction: number, nowSeconds: number): ParsedTime {
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) + Math.round(fraction * 1000);
  const back = new Date(ms);
  // Date.UTC rolls 2024-02-31 over to March: refuse dates that do not exist.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return { ok: false };
  return checked(ms, nowSeconds);
}

function checked(ms: number, nowSeconds: number): ParsedTime {
  if (Number.isNaN(ms) || ms < 0 || ms / 1000 > nowSeconds + CLOCK_SKEW_SECONDS) return { ok: false };
  return { ok: true, seconds: ms / 1000, iso: new Date(ms).toISOString() };
}
