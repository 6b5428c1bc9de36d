import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryOne } from '@phonetrust/platform';
import { AppealStatus } from './appeal.entity';

export interface AppealRow {
  id: string;
  case_id: string;
  phone_number: string;
  merchant_id: string;
  statement: string;
  status: AppealStatus;
  filed_by: string;
  created_at: Date;
  closed_at: Date | null;
}

const COLUMNS = 'id, case_id, phone_number, merchant_id, statement, status, filed_by, created_at, closed_at';

@Injectable()
export class AppealRepository {
  async findOpenFor(manager: EntityManager, phoneNumber: string): Promise<AppealRow | null> {
    return queryOne<AppealRow>(manager, `SELECT ${COLUMNS} FROM appeals WHERE phone_number = $1 AND status = 'open'`, [phoneNumber]);
  }

  async findForCase(manager: EntityManager, caseId: string): Promise<AppealRow | null> {
    return queryOne<AppealRow>(manager, `SELECT ${COLUMNS} FROM appeals WHERE case_id = $1`, [caseId]);
  }

  /** Fails with a unique violation (uq_appeals_open_number) when the number has an open appeal already. */
  async insertAppeal(manager: EntityManager, appeal: { caseId: string; phoneNumber: string; merchantId: string; statement: string; filedBy: string }): Promise<AppealRow> {
    const row = await queryOne<AppealRow>(
      manager,
      `INSERT INTO appeals (case_id, phone_number, merchant_id, statement, filed_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [appeal.caseId, appeal.phoneNumber, appeal.merchantId, appeal.statement, appeal.filedBy],
    );
    return row!;
  }

  /** The case was resolved: its appeal (if any) is answered. */
  async closeForCase(manager: EntityManager, caseId: string): Promise<AppealRow | null> {
    return queryOne<AppealRow>(
      manager,
      `UPDATE appeals SET status = 'closed', closed_at = clock_timestamp() WHERE case_id = $1 AND status = 'open' RETURNING ${COLUMNS}`,
      [caseId],
    );
  }
}
