import { ReporterContext, ReportCategory } from '@phonetrust/scoring';
import { ReportChannel } from '../reports/report-input';

/** One row of an import file, validated and normalised by the caller (the CLI's row mapping). */
export interface ImportedReport {
  /** Deterministic per source row (a hash of its content): the same row is never inserted twice. */
  readonly importKey: string;
  /** E.164. */
  readonly phoneNumber: string;
  readonly reporterId: string;
  readonly category: ReportCategory;
  readonly description: string | null;
  readonly channel: ReportChannel | null;
  /** When it happened, seconds since the epoch: the report is counted (and decays) from then. */
  readonly at: number;
  /** The row's own time, if it had one (ISO 8601); kept as the report's `occurred_at`. */
  readonly occurredAt: string | null;
  readonly evidence: { readonly interactionId: string; readonly attested: boolean } | null;
  readonly reporterContext: ReporterContext | null;
}
