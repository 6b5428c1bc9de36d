import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { notFound, Principal, requireE164 } from '@phonetrust/platform';
import { GiveVerdict, ReportQueries } from '@phonetrust/reporting';
import { CaseDecision, DecideNumber, NumberState } from '@phonetrust/scoring';
import { ReviewError } from '../review-error';
import { alreadyResolved } from './already-resolved';
import { CaseCloser } from './case-closer';
import { CaseRepository } from './case.repository';
import { CaseView, toCaseView } from './case-view';

export interface ResolveCaseInput {
  readonly decision: CaseDecision;
  readonly note: string;
  /** reportId → verdict, for reports on the case's number; the note is each verdict's note too. */
  readonly reportVerdicts?: Readonly<Record<string, 'upheld' | 'rejected'>>;
}

/**
 * POST /v1/cases/{id}/resolve (SPEC §6): one transaction gives the report verdicts (reporting's code), applies the
 * decision to the number (scoring's code: audit, `number.state_changed`, case priority and cache eviction happen
 * once, as for any transition), then closes the case with its audit entry and `case.resolved` event. `dismiss`
 * leaves the number as it is. Locks follow the system's order — reports, reporters, contributions, number, case —
 * behind a per-case advisory lock, so of concurrent resolutions exactly one wins and the others get 409.
 */
@Injectable()
export class ResolveCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly closer: CaseCloser,
    private readonly verdicts: GiveVerdict,
    private readonly reports: ReportQueries,
    private readonly decisions: DecideNumber,
  ) {}

  resolve(actor: Principal, caseId: string, input: ResolveCaseInput): Promise<CaseView> {
    const verdicts = Object.entries(input.reportVerdicts ?? {}).map(([reportId, verdict]) => ({ reportId: reportId.toLowerCase(), verdict }));
    return this.dataSource.transaction(async (tx) => {
      await this.cases.serializeResolution(tx, caseId);
      const current = await this.cases.findCase(tx, caseId);
      if (!current) throw notFound('case');
      if (current.status !== 'open') throw alreadyResolved(current);

      const strangers = await this.reports.notOnNumber(tx, current.phone_number, verdicts.map((v) => v.reportId));
      if (strangers.length > 0) {
        throw new ReviewError('report_not_in_case', `not reports on this case's number: ${strangers.join(', ')}`, { reportIds: strangers });
      }
      await this.verdicts.giveAllIn(tx, actor, verdicts, input.note);
      const state = await this.applyDecision(tx, actor, current.phone_number, input);

      // Number locked; now the case. A reinstatement on the number's route may have closed it meanwhile.
      const locked = await this.cases.lockCase(tx, caseId);
      if (locked!.status !== 'open') throw alreadyResolved(locked!);
      const resolved = await this.closer.close(tx, actor, locked!, { decision: input.decision, note: input.note, state });
      return toCaseView(resolved, state);
    });
  }

  private async applyDecision(tx: EntityManager, actor: Principal, phoneNumber: string, input: ResolveCaseInput): Promise<NumberState> {
    if (input.decision === 'dismiss') return this.decisions.holdIn(tx, phoneNumber);
    const view = await this.decisions.decideIn(tx, actor, requireE164(phoneNumber), input.decision, input.note);
    return view.state;
  }
}
