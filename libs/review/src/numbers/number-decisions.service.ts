import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NormalizedPhone, Principal } from '@phonetrust/platform';
import { AnalystDecision, DecideNumber, NumberView } from '@phonetrust/scoring';
import { CaseCloser } from '../cases/case-closer';
import { CaseRepository } from '../cases/case.repository';
import { NumberOverview } from './number-overview';

/**
 * POST /v1/numbers/{n}/suspend|restrict|reinstate: an analyst acts on a number outside a case. Suspending or
 * restricting leaves the number's case open (the state machine opens or raises it): often a stop-gap while the
 * case is looked into, closed later with the case route. Reinstating ends the matter, so it also resolves the
 * open case (decision `reinstate`, the reason as its note) in the same transaction.
 */
@Injectable()
export class NumberDecisions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly decisions: DecideNumber,
    private readonly cases: CaseRepository,
    private readonly closer: CaseCloser,
    private readonly overview: NumberOverview,
  ) {}

  async decide(actor: Principal, phone: NormalizedPhone, decision: AnalystDecision, reason: string): Promise<NumberView> {
    const view = await this.dataSource.transaction(async (tx) => {
      const decided = await this.decisions.decideIn(tx, actor, phone, decision, reason);
      if (decision !== 'reinstate') return decided;
      const open = await this.cases.lockOpenCaseOf(tx, phone.e164); // after the number's lock
      if (!open) return decided;
      await this.closer.close(tx, actor, open, { decision: 'reinstate', note: reason, state: decided.state });
      return { ...decided, openCaseId: null };
    });
    return this.overview.withBinding(view);
  }
}
