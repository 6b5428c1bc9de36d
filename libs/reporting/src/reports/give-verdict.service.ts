import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog, notFound, Principal } from '@phonetrust/platform';
import { ScoreLedger } from '@phonetrust/scoring';
import { ReporterRepository, Verdict } from '../reporters/reporter.repository';
import { ReportingError } from '../reporting-error';
import { ReportRepository } from './report.repository';
import { ReportView, toReportView } from './report-view';

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
    return this.dataSource.transaction(async (tx) => {
      const report = await this.reports.lockForVerdict(tx, reportId);
      if (!report) throw notFound('report');
      if (report.verdict) {
        throw new ReportingError('verdict_already_given', `report ${reportId} already has a verdict (${report.verdict})`, { verdict: report.verdict });
      }
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
      if (verdict === 'rejected') {
        await this.ledger.withdrawReport(tx, { phoneNumber: report.phone_number, reporterHash: report.reporter_hash, reportId, actor });
      }
      return toReportView(updated);
    });
  }
}
