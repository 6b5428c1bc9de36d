import { ReportCategory, ReporterContext } from '@phonetrust/scoring';

export const REPORT_CHANNELS = ['call', 'sms', 'chat', 'other'] as const;
export type ReportChannel = (typeof REPORT_CHANNELS)[number];

export const VERDICTS = ['upheld', 'rejected'] as const;

/** POST /v1/reports, validated (SPEC §5). */
export interface FileReportInput {
  readonly phoneNumber: string;
  readonly country?: string;
  readonly reporterId: string;
  readonly category: ReportCategory;
  readonly description?: string;
  readonly channel?: ReportChannel;
  /** ISO 8601. */
  readonly occurredAt?: string;
  readonly evidence?: { readonly interactionId: string; readonly attested: boolean };
  readonly reporterContext?: ReporterContext;
  readonly clientIp?: string;
}
