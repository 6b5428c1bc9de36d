import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog, ChangeBus, decodeCursor, DomainEvents, Page, Principal, toPage } from '@phonetrust/platform';
import { maskE164 } from '@phonetrust/phone';
import { NUMBER_CHANGED_TOPIC, NumberStateReader } from '@phonetrust/scoring';
import { VerificationError } from '../verification-error';
import { BindingRepository } from './binding.repository';
import { merchantPhoneStatus, MerchantPhoneStatus } from './merchant-phone-status';

export interface MerchantPhoneView {
  phoneNumber: string;
  maskedNumber: string;
  status: MerchantPhoneStatus;
  verifiedAt: string;
  expiresAt: string;
  displayable: boolean;
}

/** A merchant's numbers: the list, and removing one. */
@Injectable()
export class MerchantPhonesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bindings: BindingRepository,
    private readonly states: NumberStateReader,
    private readonly audit: AuditLog,
    private readonly events: DomainEvents,
    private readonly bus: ChangeBus,
  ) {}

  async list(merchantId: string, limit: number, cursor?: string): Promise<Page<MerchantPhoneView>> {
    const after = decodeCursor(cursor, { verifiedAt: 'timestamp', id: 'uuid' });
    const rows = await this.bindings.listForMerchant(merchantId, limit + 1, after);
    const states = await this.states.statesOf(this.dataSource.manager, [...new Set(rows.map((r) => r.phoneNumber))]);
    return toPage(
      rows,
      limit,
      (row) => {
        const status = merchantPhoneStatus(row, states.get(row.phoneNumber) ?? 'ok', row.now);
        return {
          phoneNumber: row.phoneNumber,
          maskedNumber: maskE164(row.phoneNumber),
          status,
          verifiedAt: row.verifiedAt.toISOString(),
          expiresAt: row.expiresAt.toISOString(),
          displayable: status === 'verified',
        };
      },
      (row) => ({ verifiedAt: row.verifiedAt.toISOString(), id: row.id }),
    );
  }

  /** The merchant stops showing the number: its binding ends (404 when it has none). */
  async remove(actor: Principal, merchantId: string, phoneNumber: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const binding = await this.bindings.lockCurrentOfMerchant(tx, merchantId, phoneNumber);
      if (!binding) throw new VerificationError('not_found', 'this merchant has no verified binding for this number');
      await this.bindings.end(tx, binding.id, 'removed', 'removed_by_merchant');
      await this.audit.append(tx, {
        actor,
        action: 'phone.removed',
        phoneNumber,
        subjectType: 'binding',
        subjectId: binding.id,
        before: { merchantId, status: 'verified' },
        after: { merchantId, status: 'removed' },
        reason: 'removed_by_merchant',
      });
      await this.events.record(tx, 'phone.revoked', { phoneNumber, merchantId, reason: 'removed_by_merchant' }, phoneNumber);
      await this.bus.publish(tx, { topic: NUMBER_CHANGED_TOPIC, key: phoneNumber });
    });
  }
}
