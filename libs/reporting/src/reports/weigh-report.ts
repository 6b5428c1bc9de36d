import { assuranceOf, ReportCategory, ReporterContext, reportWeight, ScorePolicy, trustOf } from '@phonetrust/scoring';
import { ReportChannel } from './report-input';
import { NewReport } from './report.repository';

/** A report's own fields, whether it came through the API or from an imported file. */
export interface ReportFacts {
  readonly category: ReportCategory;
  readonly description?: string | null;
  readonly channel?: ReportChannel | null;
  readonly occurredAt?: string | null;
  readonly evidence?: { readonly interactionId: string; readonly attested: boolean } | null;
  readonly reporterContext?: ReporterContext | null;
}

/**
 * A report's row but for its id, weighed as SPEC §6 says: assurance from the reporter's context, trust from the
 * reporter's verdicts so far, and the capped weight. Pure; the API and the bulk import both use it.
 */
export function weighReport(
  phoneNumber: string,
  reporterHash: string,
  facts: ReportFacts,
  verdicts: { readonly upheld: number; readonly rejected: number },
  policy: ScorePolicy,
): Omit<NewReport, 'id'> {
  const assurance = assuranceOf(facts.reporterContext, policy);
  const trust = trustOf(assurance, verdicts.upheld, verdicts.rejected, policy);
  const attested = facts.evidence?.attested ?? false;
  return {
    phoneNumber,
    reporterHash,
    category: facts.category,
    description: facts.description ?? null,
    channel: facts.channel ?? null,
    occurredAt: facts.occurredAt ?? null,
    interactionId: facts.evidence?.interactionId ?? null,
    attested,
    accountAgeDays: facts.reporterContext?.accountAgeDays ?? null,
    verifiedBuyer: facts.reporterContext?.verifiedBuyer ?? null,
    assurance,
    trust,
    weight: reportWeight({ trust, category: facts.category, attested }, policy),
  };
}
