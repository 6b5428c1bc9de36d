import { Module } from '@nestjs/common';
import { AuditModule, ChangeBusModule, OutboxModule } from '@phonetrust/platform';
import { CaseRepository } from './cases/case.repository';
import { scorePolicy } from './model/policy';
import { ContributionRepository } from './numbers/contribution.repository';
import { DecayScheduler } from './numbers/decay-scheduler';
import { DecideNumber } from './numbers/decide-number.service';
import { HistoricLedger } from './numbers/historic-ledger';
import { NumberEvaluator } from './numbers/number-evaluator';
import { NumberQueries } from './numbers/number-queries';
import { NumberRepository } from './numbers/number.repository';
import { ScoreLedger } from './numbers/score-ledger';
import { SCORE_POLICY, scoringConfig, ScoringConfig } from './scoring.config';
import { TransitionRecorder } from './transitions/transition-recorder';

/**
 * Scores and states of numbers. Exports what others use: ScoreLedger (reporting counts and withdraws reports),
 * HistoricLedger (the bulk import counts reports of the past),
 * DecideNumber and NumberQueries (the analyst routes). Its repositories stay inside.
 */
@Module({
  imports: [AuditModule, ChangeBusModule, OutboxModule],
  providers: [
    { provide: SCORE_POLICY, inject: [scoringConfig.KEY], useFactory: (config: ScoringConfig) => scorePolicy({ halfLifeSeconds: config.halfLifeSeconds }) },
    NumberRepository,
    ContributionRepository,
    CaseRepository,
    TransitionRecorder,
    NumberEvaluator,
    ScoreLedger,
    HistoricLedger,
    DecideNumber,
    NumberQueries,
    DecayScheduler,
  ],
  exports: [SCORE_POLICY, ScoreLedger, HistoricLedger, DecideNumber, NumberQueries],
})
export class ScoringModule {}
