import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, ChangeBus, DomainEvents } from '@phonetrust/platform';
import { CASE_PRIORITY } from '../cases/case-priority';
import { CaseRepository } from '../cases/case.repository';
import { NUMBER_CHANGED_TOPIC } from '../number-state/number-state';
import { Transition } from '../state-machine/evaluate-number';
import { toIso } from '../numbers/clock';

/**
 * What a transition writes, inside the transaction that holds the number's row lock — so each happens exactly
 * once: one audit entry, one `number.state_changed` event (SPEC §7 shape, id fixed at write time so retries keep
 * it), a change-bus notice for every process's caches, and for review and above the number's one open case.
 */
@Injectable()
export class TransitionRecorder {
  constructor(
    private readonly audit: AuditLog,
    private readonly events: DomainEvents,
    private readonly bus: ChangeBus,
    private readonly cases: CaseRepository,
  ) {}

  async record(manager: EntityManager, phoneNumber: string, transition: Transition, actor: Actor, reason?: string): Promise<void> {
    const occurredAt = toIso(transition.at);
    await this.audit.append(manager, {
      actor,
      action: 'number.state_changed',
      phoneNumber,
      subjectType: 'number',
      subjectId: phoneNumber,
      before: { state: transition.from },
      after: { state: transition.to, score: transition.score, distinctReporters: transition.distinctReporters, cause: transition.reason },
      reason: reason ?? transition.reason,
    });

    let caseId: string | null = null;
    const priority = CASE_PRIORITY[transition.to];
    if (priority !== undefined) {
      const opened = await this.cases.openOrRaise(manager, phoneNumber, priority, transition.reason);
      caseId = opened.id;
      if (opened.opened) {
        await this.emit(manager, phoneNumber, 'case.opened', occurredAt, { caseId, phoneNumber, priority, reason: transition.reason });
      }
    }

    await this.emit(manager, phoneNumber, 'number.state_changed', occurredAt, {
      phoneNumber,
      from: transition.from,
      to: transition.to,
      reason: transition.reason,
      score: transition.score,
      distinctReporters: transition.distinctReporters,
      caseId,
    });
    await this.bus.publish(manager, { topic: NUMBER_CHANGED_TOPIC, key: phoneNumber });
  }

  private async emit(manager: EntityManager, phoneNumber: string, type: string, occurredAt: string, data: Record<string, unknown>): Promise<void> {
    await this.events.record(manager, type, data, phoneNumber, occurredAt);
  }
}
