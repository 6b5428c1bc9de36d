import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal, queryOne } from '@phonetrust/platform';
import { PhoneNumber } from '@phonetrust/phone';
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
    return this.dataSource.transaction(async (tx) => {
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
    });
  }
}
