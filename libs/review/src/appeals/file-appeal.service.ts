import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog, DomainEvents, isUniqueViolation, NormalizedPhone, PlatformError, Principal } from '@phonetrust/platform';
import { CASE_PRIORITY, DecideNumber } from '@phonetrust/scoring';
import { OwnershipReader } from '@phonetrust/verification';
import { CaseRepository } from '../cases/case.repository';
import { ReviewError } from '../review-error';
import { appealRefusal } from './appeal-eligibility';
import { AppealRepository } from './appeal.repository';

export interface AppealReceipt {
  caseId: string;
}

/**
 * POST /v1/merchants/{merchantId}/phones/{phoneNumber}/appeal (SPEC §3): the merchant a restricted or suspended
 * number is bound to asks an analyst to look again. The appeal joins the number's open case (raising its priority)
 * or opens one; the statement is kept verbatim for the analyst. One open appeal per number: the number's lock
 * serialises appeals and the partial unique index backs it, so of concurrent appeals one is 201 and the rest 409.
 */
@Injectable()
export class FileAppeal {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ownership: OwnershipReader,
    private readonly decisions: DecideNumber,
    private readonly cases: CaseRepository,
    private readonly appeals: AppealRepository,
    private readonly audit: AuditLog,
    private readonly events: DomainEvents,
  ) {}

  async appeal(actor: Principal, merchantId: string, phone: NormalizedPhone, statement: string): Promise<AppealReceipt> {
    try {
      return await this.dataSource.transaction(async (tx) => {
        const binding = (await this.ownership.currentBindings(tx, [phone.e164])).get(phone.e164);
        const state = await this.decisions.holdIn(tx, phone.e164); // the number's lock, then its case's
        const refusal = appealRefusal({ merchantId, boundTo: binding?.merchantId ?? null, state });
        if (refusal === 'not_bound') throw new PlatformError('not_found', 'this merchant has no verified binding for this number');
        if (refusal === 'not_restricted') {
          throw new ReviewError('number_not_restricted', `only a restricted or suspended number can be appealed; this one is ${state}`, { state });
        }
        const pending = await this.appeals.findOpenFor(tx, phone.e164);
        if (pending) throw appealAlreadyOpen(pending.case_id);

        const before = await this.cases.lockOpenCaseOf(tx, phone.e164);
        const kase = await this.cases.attachAppeal(tx, phone.e164, CASE_PRIORITY[state]!);
        const appeal = await this.appeals.insertAppeal(tx, { caseId: kase.id, phoneNumber: phone.e164, merchantId, statement, filedBy: actor.name });
        const audited = { actor, phoneNumber: phone.e164, subjectType: 'case', subjectId: kase.id, reason: 'appeal' };
        if (kase.opened) {
          await this.audit.append(tx, { ...audited, action: 'case.opened', after: { status: 'open', priority: kase.priority, state } });
          await this.events.record(tx, 'case.opened', { caseId: kase.id, phoneNumber: phone.e164, priority: kase.priority, reason: 'appeal', merchantId }, phone.e164);
        }
        await this.audit.append(tx, {
          ...audited,
          action: 'case.appealed',
          before: before ? { priority: before.priority } : undefined,
          after: { priority: kase.priority, appealId: appeal.id, merchantId },
        });
        return { caseId: kase.id };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_appeals_open_number')) throw appealAlreadyOpen(null);
      throw error;
    }
  }
}

function appealAlreadyOpen(caseId: string | null): ReviewError {
  return new ReviewError('appeal_already_open', 'this number has an appeal waiting for an analyst already', caseId ? { caseId } : {});
}
