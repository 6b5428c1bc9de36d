import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog, notFound, Principal } from '@phonetrust/platform';
import { NumberStateReader } from '@phonetrust/scoring';
import { CaseRepository } from './case.repository';
import { CaseView, toCaseView } from './case-view';
import { alreadyResolved } from './already-resolved';

/** POST /v1/cases/{id}/assign: who works an open case (null unassigns). Audited; resolved cases are final (409). */
@Injectable()
export class AssignCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly states: NumberStateReader,
    private readonly audit: AuditLog,
  ) {}

  assign(actor: Principal, caseId: string, assignee: string | null): Promise<CaseView> {
    return this.dataSource.transaction(async (tx) => {
      // The case's lock only: nothing else is locked here, so the lock order holds.
      const current = await this.cases.lockCase(tx, caseId);
      if (!current) throw notFound('case');
      if (current.status !== 'open') throw alreadyResolved(current);
      const updated = await this.cases.assign(tx, caseId, assignee);
      await this.audit.append(tx, {
        actor,
        action: 'case.assigned',
        phoneNumber: current.phone_number,
        subjectType: 'case',
        subjectId: caseId,
        before: { assignee: current.assignee },
        after: { assignee },
      });
      return toCaseView(updated, await this.states.stateOf(tx, current.phone_number));
    });
  }
}
