import { Module } from '@nestjs/common';
import { AuditModule, IdempotencyModule, RateLimitModule, SecretsModule } from '@phonetrust/platform';
import { ScoringModule } from '@phonetrust/scoring';
import { ImportReports } from './imports/import-reports.service';
import { ImportedReportRepository } from './imports/imported-report.repository';
import { ReporterIds } from './reporters/reporter-ids';
import { ReporterRepository } from './reporters/reporter.repository';
import { FileReport } from './reports/file-report.service';
import { GiveVerdict } from './reports/give-verdict.service';
import { ReportQueries } from './reports/report-queries';
import { ReportRepository } from './reports/report.repository';

/** Reports, reporters and dedupe. Scores move through scoring's exported ScoreLedger. */
@Module({
  imports: [ScoringModule, AuditModule, IdempotencyModule, RateLimitModule, SecretsModule],
  providers: [ReporterIds, ReporterRepository, ReportRepository, FileReport, GiveVerdict, ReportQueries, ImportedReportRepository, ImportReports],
  exports: [FileReport, GiveVerdict, ReportQueries, ImportReports],
})
export class ReportingModule {}
