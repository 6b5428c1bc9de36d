import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryOne, queryRows } from '@phonetrust/platform';
import { BindingStatus } from './phone-binding.entity';

export interface BindingRow {
  id: string;
  phoneNumber: string;
  merchantId: string;
  status: BindingStatus;
  verificationId: string;
  verifiedAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
  endReason: string | null;
}

const COLUMNS = `id, phone_number AS "phoneNumber", merchant_id AS "merchantId", status, verification_id AS "verificationId",
  verified_at AS "verifiedAt", expires_at AS "expiresAt", ended_at AS "endedAt", end_reason AS "endReason"`;

@Injectable()
export class BindingRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The number's current (verified) binding, locked: ownership of a number changes one at a time. */
  async lockCurrent(tx: EntityManager, phoneNumber: string): Promise<BindingRow | null> {
    return queryOne<BindingRow>(tx, `SELECT ${COLUMNS} FROM phone_bindings WHERE phone_number = $1 AND status = 'verified' FOR UPDATE`, [phoneNumber]);
  }

  async lockCurrentOfMerchant(tx: EntityManager, merchantId: string, phoneNumber: string): Promise<BindingRow | null> {
    return queryOne<BindingRow>(
      tx,
      `SELECT ${COLUMNS} FROM phone_bindings WHERE phone_number = $1 AND merchant_id = $2 AND status = 'verified' FOR UPDATE`,
      [phoneNumber, merchantId],
    );
  }

  async end(tx: EntityManager, id: string, status: 'revoked' | 'removed', reason: string): Promise<void> {
    await tx.query(`UPDATE phone_bindings SET status = $2, ended_at = clock_timestamp(), end_reason = $3 WHERE id = $1`, [id, status, reason]);
  }

  /** The same merchant proved the number again: the badge starts over. */
  async renew(tx: EntityManager, id: string, verificationId: string, ttlDays: number): Promise<BindingRow> {
    const rows = await queryRows<BindingRow>(
      tx,
      `UPDATE phone_bindings SET verification_id = $2, verified_at = clock_timestamp(),
              expires_at = clock_timestamp() + make_interval(days => $3)
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, verificationId, ttlDays],
    );
    return rows[0];
  }

  async insertVerified(tx: EntityManager, b: { phoneNumber: string; merchantId: string; verificationId: string; ttlDays: number }): Promise<BindingRow> {
    const row = await queryOne<BindingRow>(
      tx,
      `INSERT INTO phone_bindings (phone_number, merchant_id, verification_id, verified_at, expires_at)
       VALUES ($1, $2, $3, clock_timestamp(), clock_timestamp() + make_interval(days => $4))
       RETURNING ${COLUMNS}`,
      [b.phoneNumber, b.merchantId, b.verificationId, b.ttlDays],
    );
    return row!;
  }

  /** A merchant's numbers, current and past (not those it removed), newest first. */
  async listForMerchant(merchantId: string, limit: number, after?: { verifiedAt: string; id: string }): Promise<(BindingRow & { now: Date })[]> {
    const params: unknown[] = [merchantId, limit];
    let cursor = '';
    if (after) {
      params.push(after.verifiedAt, after.id);
      cursor = 'AND (verified_at, id) < ($3::timestamptz, $4::uuid)';
    }
    return queryRows(
      this.dataSource.manager,
      `SELECT ${COLUMNS}, clock_timestamp() AS now FROM phone_bindings
        WHERE merchant_id = $1 AND status <> 'removed' ${cursor}
        ORDER BY verified_at DESC, id DESC LIMIT $2`,
      params,
    );
  }

  /** Current bindings of many numbers in one query (the display check). */
  async currentOf(manager: EntityManager, phoneNumbers: readonly string[]): Promise<BindingRow[]> {
    if (phoneNumbers.length === 0) return [];
    return queryRows<BindingRow>(manager, `SELECT ${COLUMNS} FROM phone_bindings WHERE phone_number = ANY($1) AND status = 'verified'`, [phoneNumbers]);
  }
}
