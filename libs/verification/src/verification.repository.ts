import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryOne, queryRows, updateHeldRow } from '@phonetrust/platform';
import { Channel } from './policy/number-policy';
import { VerificationStatus } from './policy/verification-rules';

export interface VerificationRow {
  id: string;
  merchantId: string;
  phoneNumber: string;
  country: string | null;
  numberType: string;
  channel: Channel;
  locale: string;
  status: VerificationStatus;
  codeHash: string;
  codeSealed: string | null;
  attempts: number;
  sendCount: number;
  lastSentAt: Date;
  expiresAt: Date;
  createdAt: Date;
  approvedAt: Date | null;
  /** The database clock when the row was read: expiry is judged by it, never by this process's clock. */
  now: Date;
}

const COLUMNS = `id, merchant_id AS "merchantId", phone_number AS "phoneNumber", country, number_type AS "numberType",
  channel, locale, status, code_hash AS "codeHash", code_sealed AS "codeSealed", attempts, send_count AS "sendCount",
  last_sent_at AS "lastSentAt", expires_at AS "expiresAt", created_at AS "createdAt", approved_at AS "approvedAt",
  clock_timestamp() AS now`;

// The hot statements' texts, built once (see `lockForCheck` and `recordWrongCode`).
const LOCK_FOR_CHECK = `WITH v AS (SELECT ${COLUMNS} FROM verifications WHERE id = $1 FOR UPDATE),
            budget AS (
              INSERT INTO number_check_budgets (phone_number, day)
              SELECT "phoneNumber", (now() AT TIME ZONE 'UTC')::date FROM v
              ON CONFLICT (phone_number, day) DO UPDATE SET wrong_codes = number_check_budgets.wrong_codes
              RETURNING wrong_codes)
       SELECT v.*, budget.wrong_codes AS "wrongCodesToday" FROM v LEFT JOIN budget ON true`;
const SPEND_BUDGET = updateHeldRow('number_check_budgets', { phone_number: '$4', day: `(now() AT TIME ZONE 'UTC')::date` }, 'wrong_codes = t.wrong_codes + 1');
const RECORD_WRONG_CODE = `WITH spent AS (${SPEND_BUDGET})
       UPDATE verifications
          SET attempts = $2, status = $3, code_sealed = CASE WHEN $3 = 'pending' THEN code_sealed END, updated_at = clock_timestamp()
        WHERE id = $1
       RETURNING ${COLUMNS}`;

export interface NewVerification {
  id: string;
  merchantId: string;
  phoneNumber: string;
  country: string | null;
  numberType: string;
  channel: Channel;
  locale: string;
  codeHash: string;
  codeSealed: string;
  clientIp: string | null;
  ttlSeconds: number;
}

/** Verification rows. Methods that lock must run inside the caller's transaction. */
@Injectable()
export class VerificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findById(id: string): Promise<VerificationRow | null> {
    return queryOne<VerificationRow>(this.dataSource.manager, `SELECT ${COLUMNS} FROM verifications WHERE id = $1`, [id]);
  }

  /** The pending verification of a merchant for a number (maybe past its expiry), without locking. */
  async findPending(merchantId: string, phoneNumber: string): Promise<VerificationRow | null> {
    return queryOne<VerificationRow>(
      this.dataSource.manager,
      `SELECT ${COLUMNS} FROM verifications WHERE merchant_id = $1 AND phone_number = $2 AND status = 'pending'`,
      [merchantId, phoneNumber],
    );
  }

  async lockPending(tx: EntityManager, merchantId: string, phoneNumber: string): Promise<VerificationRow | null> {
    return queryOne<VerificationRow>(
      tx,
      `SELECT ${COLUMNS} FROM verifications WHERE merchant_id = $1 AND phone_number = $2 AND status = 'pending' FOR UPDATE`,
      [merchantId, phoneNumber],
    );
  }

  /** Locks one verification: every check, resend and cancel of it runs one at a time. */
  async lock(tx: EntityManager, id: string): Promise<VerificationRow | null> {
    return queryOne<VerificationRow>(tx, `SELECT ${COLUMNS} FROM verifications WHERE id = $1 FOR UPDATE`, [id]);
  }

  async insert(tx: EntityManager, v: NewVerification): Promise<VerificationRow> {
    const row = await queryOne<VerificationRow>(
      tx,
      `INSERT INTO verifications (id, merchant_id, phone_number, country, number_type, channel, locale, code_hash, code_sealed,
                                  client_ip, last_sent_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, clock_timestamp(), clock_timestamp() + make_interval(secs => $11))
       RETURNING ${COLUMNS}`,
      [v.id, v.merchantId, v.phoneNumber, v.country, v.numberType, v.channel, v.locale, v.codeHash, v.codeSealed, v.clientIp, v.ttlSeconds],
    );
    return row!;
  }

  async recordSend(tx: EntityManager, id: string, channel: Channel, locale: string): Promise<VerificationRow> {
    return this.update(tx, id, `send_count = send_count + 1, last_sent_at = clock_timestamp(), channel = $2, locale = $3`, [channel, locale]);
  }

  /** Ends a verification; the sealed code goes with it. */
  async finish(tx: EntityManager, id: string, status: Exclude<VerificationStatus, 'pending'>): Promise<VerificationRow> {
    return this.update(
      tx,
      id,
      `status = $2, code_sealed = NULL, approved_at = CASE WHEN $2 = 'approved' THEN clock_timestamp() END`,
      [status],
    );
  }

  /** What the SMS dispatcher needs, read at send time: a code is only sent while its verification is pending. */
  async sendTarget(id: string): Promise<Pick<VerificationRow, 'id' | 'status' | 'expiresAt' | 'now' | 'codeSealed' | 'phoneNumber'> | null> {
    return queryOne(
      this.dataSource.manager,
      `SELECT id, status, expires_at AS "expiresAt", clock_timestamp() AS now, code_sealed AS "codeSealed", phone_number AS "phoneNumber"
         FROM verifications WHERE id = $1`,
      [id],
    );
  }

  /**
   * One statement for a check: locks the verification, then its number's wrong-code budget for today (UTC,
   * database clock; created at zero on first use) and returns what the budget has spent. Always in that
   * order, so concurrent checks of one number's verifications cannot deadlock.
   */
  async lockForCheck(tx: EntityManager, id: string): Promise<(VerificationRow & { wrongCodesToday: number }) | null> {
    return queryOne(tx, LOCK_FOR_CHECK, [id], { prepare: true });
  }

  /**
   * A wrong code: the verification's attempt and the number's daily budget (locked by `lockForCheck`) are spent
   * together, as the transaction's last statement (its COMMIT goes with it: `QueryOptions.last`).
   */
  async recordWrongCode(tx: EntityManager, id: string, phoneNumber: string, attempts: number, status: VerificationStatus): Promise<VerificationRow> {
    const rows = await queryRows<VerificationRow>(tx, RECORD_WRONG_CODE, [id, attempts, status, phoneNumber], { prepare: true, last: true });
    return rows[0];
  }

  private async update(tx: EntityManager, id: string, set: string, params: unknown[]): Promise<VerificationRow> {
    const rows = await queryRows<VerificationRow>(
      tx,
      `UPDATE verifications SET ${set}, updated_at = clock_timestamp() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, ...params],
    );
    return rows[0];
  }
}
