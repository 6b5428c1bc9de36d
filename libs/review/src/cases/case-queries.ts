import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog, notFound, Page, requireE164, toPage } from '@phonetrust/platform';
import { ReportQueries } from '@phonetrust/reporting';
import { CaseStatus, NumberQueries, NumberStateReader } from '@phonetrust/scoring';
import { AppealRepository } from '../appeals/appeal.repository';
import { NumberOverview } from '../numbers/number-overview';
import { caseCursorOf, CaseSort, decodeCaseCursor } from './case-order';
import { CaseRepository } from './case.repository';
import { CaseDetailView, CaseSummaryView, toAppealView, toCaseSummary, toCaseView } from './case-view';

/** Reports shown with a case; older ones are a page away (GET /v1/numbers/{n}/reports). */
export const CASE_RECENT_REPORTS = 20;
/** Audit entries shown as a case's history (the most recent ones). */
export const CASE_HISTORY_ENTRIES = 200;

export interface CaseListQuery {
  status: CaseStatus;
  sort: CaseSort;
  limit: number;
  cursor?: string;
}

/** The analysts' read side of cases: the queue, and one case with everything needed to decide it. */
@Injectable()
export class CaseQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly appeals: AppealRepository,
    private readonly states: NumberStateReader,
    private readonly overview: NumberOverview,
    private readonly numbers: NumberQueries,
    private readonly reports: ReportQueries,
    private readonly audit: AuditLog,
  ) {}

  async list(query: CaseListQuery): Promise<Page<CaseSummaryView>> {
    const after = decodeCaseCursor(query.sort, query.cursor);
    const manager = this.dataSource.manager;
    const rows = await this.cases.listCases(manager, { status: query.status, sort: query.sort, limit: query.limit + 1, after });
    const states = await this.states.statesOf(manager, [...new Set(rows.map((row) => row.phone_number))]);
    return toPage(
      rows,
      query.limit,
      (row) => toCaseSummary(row, states.get(row.phone_number) ?? 'ok'),
      (row) => caseCursorOf(query.sort, row),
    );
  }

  async get(id: string): Promise<CaseDetailView> {
    const manager = this.dataSource.manager;
    const row = await this.cases.findCase(manager, id);
    if (!row) throw notFound('case');
    const phone = requireE164(row.phone_number);
    const [number, appeal, reports, score, history] = await Promise.all([
      this.overview.get(phone),
      this.appeals.findForCase(manager, id),
      this.reports.listForNumber(phone.e164, CASE_RECENT_REPORTS),
      this.numbers.explainScore(phone),
      // The number's entries while the case was open, and the case's own ones (its resolution comes last).
      this.audit.trail(manager, {
        phoneNumber: phone.e164,
        from: row.opened_at_exact,
        until: row.resolved_at_exact,
        subject: { type: 'case', id },
        limit: CASE_HISTORY_ENTRIES,
      }),
    ]);
    return {
      ...toCaseView(row, number.state),
      number,
      appeal: appeal ? toAppealView(appeal) : null,
      recentReports: reports.items,
      score,
      history,
    };
  }
}
