import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal, queryOne } from '@phonetrust/platform';
import { PhoneNumber } from '@phonetrust/phone';
import { NumberState } from '../number-state/number-state';
import { AnalystDecision } from '../state-machine/next-state';
import { NumberEvaluator } from './number-evaluator';
import { NumberRepository } from './number.repository';
import { NumberView, toNumberView } from './number-view';

/**
 * An analyst suspends, restricts or reinstates a number (SPEC §6). Suspend and restrict hold the state until
 * another decision; reinstate returns it to `ok` and spends every live contribution (a new epoch), so the same
 * evidence cannot put it straight back — only reports filed after the reinstatement count.
 */
@Injectable()
export class DecideNumber {
  constructor(
    private readonly dataSource: DataSource,
    private readonly numbers: NumberRepository,
    private readonly evaluator: NumberEvaluator,
  ) {}

  decide(actor: Principal, phone: PhoneNumber, decision: AnalystDecision, reason: string): Promise<NumberView> {
    return this.dataSource.transaction((tx) => this.decideIn(tx, actor, phone, decision, reason));
  }

  /**
   * The same inside the caller's transaction (review resolves a case with it): locks the number — the caller
   * holds no lock that comes after it (contribution, number, case) — and records the transition, its audit entry,
   * event, case priority and change-bus notice once.
   */
  async decideIn(tx: EntityManager, actor: Principal, phone: PhoneNumber, decision: AnalystDecision, reason: string): Promise<NumberView> {
    const locked = await this.numbers.lockNumber(tx, phone.e164);
    const evaluation = await this.evaluator.apply(tx, locked, { kind: 'decision', decision }, { actor, reason });
    const open = await queryOne<{ id: string }>(tx, `SELECT id FROM cases WHERE phone_number = $1 AND status = 'open'`, [phone.e164]);
    return toNumberView(phone, {
      state: evaluation.record.state,
      summary: evaluation.summary,
      reportCount: evaluation.record.reportCount,
      openCaseId: open?.id ?? null,
      updatedAt: new Date(Math.round(locked.now * 1000)),
    });
  }

  /**
   * Locks the number without changing it and returns its state as readers see it (`ok` for a number never
   * seen; no row is created). For workflows that must not interleave with the number's transitions — dismissing
   * its case, appealing — and take the number's lock before its case's.
   */
  async holdIn(tx: EntityManager, phoneNumber: string): Promise<NumberState> {
    return (await this.numbers.lockStateOf(tx, phoneNumber)) ?? 'ok';
  }
}
