import { isFtcRow, mapFtcRow } from './ftc-row';
import { mapReportRow } from './report-row';
import { MapOptions, RowResult } from './row-result';

export const LAYOUTS = ['auto', 'report', 'ftc'] as const;
export type Layout = (typeof LAYOUTS)[number];

/** A record of an import file → a report, by layout (`auto`: FTC when the row has Company_Phone_Number). */
export function mapRow(fields: Record<string, unknown>, layout: Layout, options: MapOptions): RowResult {
  const ftc = layout === 'ftc' || (layout === 'auto' && isFtcRow(fields));
  return ftc ? mapFtcRow(fields, options) : mapReportRow(fields, options);
}
