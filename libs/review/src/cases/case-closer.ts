import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditLog, DomainEvents, Principal } from '@phonetrust/platform';
import { CaseDecision, NumberState } from '@phonetrust/scoring';
import { AppealRepository } from '../appeals/appeal.repository';
import { CaseRepository } from './case.repository';
import { CaseRow } from './case-row';

export interface Resolution {
  readonly decision: CaseDecision;
  readonly note: string;
  /** The number's state once the decision is applied. */
  readonly state: NumberState;
}

/**
 * The last step of every way a case ends — the case route, or a reinstatement on the number's route: the case
 * row, its appeal answered, one audit entry and one `case.resolved` event, in the caller's transaction, on a case
 * the caller has locked and seen open.
 */
@Injectable()
export class CaseCloser {
  constructor(
    private readonly cases: CaseRepository,
    private readonly appeals: AppealRepository,
    private readonly audit: AuditLog,
    private readonly events: DomainEvents,
  ) {}

  async close(tx: EntityManager, actor: Principal, open: CaseRow, resolution: Resolution): Promise<CaseRow> {
    const resolved = await this.cases.resolve(tx, open.id, { decision: resolution.decision, note: resolution.note, by: actor.name });
    const appeal = await this.appeals.closeForCase(tx, open.id);
    await this.audit.append(tx, {
      actor,
      action: 'case.resolved',
      phoneNumber: open.phone_number,
      subjectType: 'case',
      subjectId: open.id,
      before: { status: 'open', priority: open.priority, assignee: open.assignee },
      after: { status: 'resolved', decision: resolution.decision, state: resolution.state, appealId: appeal?.id ?? null },
      reason: resolution.note,
    });
    // The analyst's note stays inside: the platform learns the decision, the state, and whose appeal it answers.
    await this.events.record(
      tx,
      'case.resolved',
      {
        caseId: open.id,
        phoneNumber: open.phone_number,
        decision: resolution.decision,
        state: resolution.state,
        appeal: appeal ? { appealId: appeal.id, merchantId: appeal.merchant_id } : null,
        resolvedAt: resolved.resolved_at!.toISOString(),
      },
      open.phone_number,
    );
    return resolved;
  }
}
