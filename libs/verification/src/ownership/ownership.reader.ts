import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BindingRepository } from './binding.repository';

/** A number's current owner, as other modules (the display check) may know it. */
export interface CurrentBinding {
  phoneNumber: string;
  merchantId: string;
  verifiedAt: Date;
  expiresAt: Date;
}

@Injectable()
export class OwnershipReader {
  constructor(private readonly bindings: BindingRepository) {}

  /** Current bindings of the given numbers, in one query; numbers without one are absent. */
  async currentBindings(manager: EntityManager, phoneNumbers: readonly string[]): Promise<Map<string, CurrentBinding>> {
    const rows = await this.bindings.currentOf(manager, phoneNumbers);
    return new Map(rows.map((row) => [row.phoneNumber, { phoneNumber: row.phoneNumber, merchantId: row.merchantId, verifiedAt: row.verifiedAt, expiresAt: row.expiresAt }]));
  }
}
