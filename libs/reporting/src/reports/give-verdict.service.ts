import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, notFound, Principal } from '@phonetrust/platform';
import { ScoreLedger } from '@phonetrust/scoring';
import { ReporterRepository, Verdict } from '../reporters/reporter.repository';
import { ReportingError } from '../reporting-error';
import { ReportRepository } from './report.repository';
import { ReportRow, ReportView, toReportView } from './report-view';

export interface VerdictInput {
  readonly reportId: string;
  readonly verdict: Verdict;
}

/**
 * POST /v1/reports/{id}/verdict (SPEC §5): an analyst upholds or rejects a report. The verdict moves the
 * reporter's trust for their later reports; a rejected report's live contribution leaves the number's score
 * (and D), which may lower its state. One verdict per report: a second one is 409 verdict_already_given.
 */
@Injectable()
export class GiveVerdict {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportRepository,
    private readonly reporters: ReporterRepository,
    private readonly ledger: ScoreLedger,
    private readonly audit: AuditLog,
  ) {}

  give(actor: Principal, reportId: string, verdict: Verdict, note: string): Promise<ReportView> {
    return this.dataSource.transaction(async (tx) => (await this.giveAllIn(tx, actor, [{ reportId, verdict }], note))[0]);
  }

  /**
   * Verdicts on several reports inside the caller's transaction (review resolves a case with them), all or none.
   * Locks follow every scoring workflow's order — the reports (by id), their reporters (by hash), then for each
   * rejected report its contribution and the number — so the caller must not hold a contribution, number or
   * case lock yet. Views come back in the order asked.
   */
  async giveAllIn(tx: EntityManager, actor: Principal, requested: readonly VerdictInput[], note: string): Promise<ReportView[]> {
    // One verdict per report: a report named twice is judged once, by the first verdict named.
    const verdicts = requested.filter((v, i) => requested.findIndex((other) => other.reportId === v.reportId) === i);
    if (verdicts.length === 0) return [];
    const rows = await this.reports.lockForVerdicts(tx, verdicts.map((v) => v.reportId));
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const { reportId } of verdicts) {
      const report = byId.get(reportId);
      if (!report) throw notFound('report');
      if (report.verdict) {
        throw new ReportingError('verdict_already_given', `report ${reportId} already has a verdict (${report.verdict})`, {
          verdict: report.verdict,
          reportId,
        });
      }
    }

    const ordered = [...verdicts].sort((a, b) => compare(byId.get(a.reportId)!.reporter_hash, byId.get(b.reportId)!.reporter_hash));
    const views = new Map<string, ReportView>();
    for (const { reportId, verdict } of ordered) {
      const report = byId.get(reportId)!;
      const after = await this.reporters.addVerdict(tx, report.reporter_hash, verdict);
      const updated = await this.reports.setVerdict(tx, reportId, verdict, note, actor.name);
      await this.audit.append(tx, {
        actor,
        action: 'report.verdict',
        phoneNumber: report.phone_number,
        subjectType: 'report',
        subjectId: reportId,
        before: { verdict: null },
        after: { verdict, reporterUpheld: after.upheld, reporterRejected: after.rejected },
        reason: note,
      });
      views.set(reportId, toReportView(updated));
    }

    // Every reporter involved is locked by now, so nobody else can hold one of their contributions.
    for (const { reportId } of ordered.filter((v) => v.verdict === 'rejected')) {
      const report: ReportRow = byId.get(reportId)!;
      await this.ledger.withdrawReport(tx, { phoneNumber: report.phone_number, reporterHash: report.reporter_hash, reportId, actor });
    }
    return requested.map((v) => views.get(v.reportId)!);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
