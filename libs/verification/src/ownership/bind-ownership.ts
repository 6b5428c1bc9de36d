import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, ChangeBus, DomainEvents } from '@phonetrust/platform';
import { NUMBER_CHANGED_TOPIC } from '@phonetrust/scoring';
import { BindingRepository, BindingRow } from './binding.repository';

export const CLAIMED_BY_OTHER_MERCHANT = 'claimed_by_other_merchant';

/**
 * Approval makes a number the merchant's: one verified binding per number. A new owner's proof revokes the
 * previous owner's binding (numbers are recycled; possession of the SIM is what counts), and the platform
 * hears of both. Runs inside the approving check's transaction.
 */
@Injectable()
export class BindOwnership {
  constructor(
    private readonly bindings: BindingRepository,
    private readonly audit: AuditLog,
    private readonly events: DomainEvents,
    private readonly bus: ChangeBus,
  ) {}

  async bind(
    tx: EntityManager,
    input: { phoneNumber: string; merchantId: string; verificationId: string; ttlDays: number; actor: Actor },
  ): Promise<BindingRow> {
    const current = await this.bindings.lockCurrent(tx, input.phoneNumber);
    const renewed = current && current.merchantId === input.merchantId;
    if (current && !renewed) {
      // Another merchant proved possession: the number is theirs now.
      await this.bindings.end(tx, current.id, 'revoked', CLAIMED_BY_OTHER_MERCHANT);
      await this.audit.append(tx, {
        actor: input.actor,
        action: 'phone.revoked',
        phoneNumber: input.phoneNumber,
        subjectType: 'binding',
        subjectId: current.id,
        before: { merchantId: current.merchantId, status: 'verified' },
        after: { merchantId: current.merchantId, status: 'revoked' },
        reason: CLAIMED_BY_OTHER_MERCHANT,
      });
      await this.events.record(
        tx,
        'phone.revoked',
        { phoneNumber: input.phoneNumber, merchantId: current.merchantId, reason: CLAIMED_BY_OTHER_MERCHANT, newMerchantId: input.merchantId },
        input.phoneNumber,
      );
    }
    // The same merchant proving the number again renews the badge.
    const binding = renewed
      ? await this.bindings.renew(tx, current!.id, input.verificationId, input.ttlDays)
      : await this.bindings.insertVerified(tx, input);
    await this.audit.append(tx, {
      actor: input.actor,
      action: 'verification.approved',
      phoneNumber: input.phoneNumber,
      subjectType: 'verification',
      subjectId: input.verificationId,
      after: { merchantId: input.merchantId, status: 'verified', expiresAt: binding.expiresAt },
    });
    await this.events.record(
      tx,
      'verification.approved',
      {
        verificationId: input.verificationId,
        merchantId: input.merchantId,
        phoneNumber: input.phoneNumber,
        verifiedAt: binding.verifiedAt,
        expiresAt: binding.expiresAt,
        previousMerchantId: current && current.merchantId !== input.merchantId ? current.merchantId : null,
      },
      input.phoneNumber,
    );
    await this.bus.publish(tx, { topic: NUMBER_CHANGED_TOPIC, key: input.phoneNumber });
    return binding;
  }
}
