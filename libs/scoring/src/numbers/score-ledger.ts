import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, Statement } from '@phonetrust/platform';
import { CountedReport } from '../model/number-score';
import { ChainedStatements, ContributionRepository, LockedContribution } from './contribution.repository';
import { NumberEvaluator } from './number-evaluator';
import { LockedNumber, NumberRepository } from './number.repository';

/** The reporter's contribution and the number's row, both locked for the transaction. */
export interface LockedForReport extends LockedContribution {
  readonly number: LockedNumber;
  /** The row the caller's own lock (`lockReporter`'s `first`) returned; empty without one. */
  readonly first: Record<string, unknown>;
  /** The rows the caller's `alongside` statement returned; empty without one. */
  readonly alongside: Record<string, unknown>[];
}

export interface CountReportInput {
  readonly phoneNumber: string;
  readonly reporterHash: string;
  /** From `lockReporter`, earlier in the same transaction. */
  readonly locked: LockedForReport;
  readonly report: CountedReport;
  readonly attestedThreat: boolean;
  /** The report row's insert: written in the same round trip as the score; its RETURNING rows are returned. */
  readonly insertReport: Statement;
  /** The caller's transaction ends with this report (see `EvaluationContext.last`). */
  readonly last?: boolean;
}

/**
 * What reporting may do to a number's score (the scoring lib's small exported service): lock a reporter's
 * contribution, count a report, withdraw a rejected one. Each is O(1): the reporter's row and the number's row,
 * plus a transition's fixed set of rows when the state changes. Callers own the transaction and lock in this
 * order — reporter, contribution, number — so concurrent workflows never deadlock.
 */
@Injectable()
export class ScoreLedger {
  constructor(
    private readonly contributions: ContributionRepository,
    private readonly numbers: NumberRepository,
    private readonly evaluator: NumberEvaluator,
  ) {}

  /**
   * Locks (creating) the reporter's contribution to the number, then the number: the dedupe decision is made
   * under these locks. One round trip, which also runs `first` before them — the caller's lock on the reporter,
   * first in the lock order — and returns its row, and `alongside` with them (the caller's work on rows of its
   * own, such as its rate-limit counters) and returns its rows.
   */
  async lockReporter(
    manager: EntityManager,
    phoneNumber: string,
    reporterHash: string,
    caller: ChainedStatements = {},
  ): Promise<LockedForReport> {
    const locked = await this.contributions.lockForReportWithNumber(manager, this.numbers, phoneNumber, reporterHash, caller);
    return { ...locked.contribution, number: locked.number, first: caller.first ? locked.first : {}, alongside: locked.alongside };
  }

  /**
   * Counts a report: inserts it, tops the reporter's contribution up, updates the number and moves its state —
   * the three writes in one round trip (plus a transition's rows when the state changes).
   */
  async countReport<T>(manager: EntityManager, input: CountReportInput): Promise<T> {
    const { number } = input.locked;
    const evaluation = await this.evaluator.apply(
      manager,
      number,
      { kind: 'report', contribution: input.locked.contribution, report: input.report, attestedThreat: input.attestedThreat },
      { actor: 'system', last: input.last },
      (evaluated) => [
        input.insertReport,
        this.contributions.saveStatement(input.phoneNumber, input.reporterHash, evaluated.contribution ?? input.locked.contribution!, {
          reportId: input.report.id,
          at: number.now,
        }),
      ],
    );
    return evaluation.returned[0] as T;
  }

  /**
   * A rejected report: when the reporter's live contribution stands on it, the contribution leaves E and D and
   * the state is re-evaluated (it may fall). A report a later one already replaced has nothing left to withdraw.
   */
  async withdrawReport(manager: EntityManager, input: { phoneNumber: string; reporterHash: string; reportId: string; actor: Actor }): Promise<boolean> {
    const locked = await this.contributions.lockExisting(manager, input.phoneNumber, input.reporterHash);
    if (!locked?.contribution || locked.contribution.sourceReportId !== input.reportId) return false;
    const number = await this.numbers.lockNumber(manager, input.phoneNumber);
    const evaluation = await this.evaluator.apply(
      manager,
      number,
      { kind: 'withdraw', contribution: locked.contribution, reportId: input.reportId },
      { actor: input.actor, reason: `report ${input.reportId} rejected` },
      (evaluated) => (evaluated.contribution ? [this.contributions.saveStatement(input.phoneNumber, input.reporterHash, evaluated.contribution)] : []),
    );
    return evaluation.contribution !== undefined;
  }
}
