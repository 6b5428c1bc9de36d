import { Module } from '@nestjs/common';
import { AuditModule, OutboxModule } from '@phonetrust/platform';
import { ReportingModule } from '@phonetrust/reporting';
import { NumberStateModule, ScoringModule } from '@phonetrust/scoring';
import { VerificationModule } from '@phonetrust/verification';
import { AppealRepository } from './appeals/appeal.repository';
import { FileAppeal } from './appeals/file-appeal.service';
import { AssignCase } from './cases/assign-case.service';
import { CaseCloser } from './cases/case-closer';
import { CaseQueries } from './cases/case-queries';
import { CaseRepository } from './cases/case.repository';
import { ResolveCase } from './cases/resolve-case.service';
import { NumberDecisions } from './numbers/number-decisions.service';
import { NumberOverview } from './numbers/number-overview';
import { ScoreHistory } from './numbers/score-history';

/**
 * Review: the analysts' cases (queue, assignment, resolution), merchants' appeals, and the analyst's view of a
 * number. Works through the exported services of scoring (decisions), reporting (verdicts, reports) and
 * verification (ownership); its own repositories stay inside.
 */
@Module({
  imports: [AuditModule, OutboxModule, ScoringModule, NumberStateModule, ReportingModule, VerificationModule],
  providers: [
    CaseRepository,
    AppealRepository,
    CaseCloser,
    CaseQueries,
    AssignCase,
    ResolveCase,
    FileAppeal,
    NumberOverview,
    NumberDecisions,
    ScoreHistory,
  ],
  exports: [CaseQueries, AssignCase, ResolveCase, FileAppeal, NumberOverview, NumberDecisions, ScoreHistory],
})
export class ReviewModule {}
