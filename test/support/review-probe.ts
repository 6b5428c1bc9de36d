import { DataSource } from 'typeorm';

/** Reads what the review workflows wrote, straight from the tables. */
export class ReviewProbe {
  constructor(private readonly dataSource: DataSource) {}

  async cases(phone: string): Promise<{ id: string; status: string; priority: number; reason: string; decision: string | null }[]> {
    return this.dataSource.query(`SELECT id, status, priority, reason, decision FROM cases WHERE phone_number = $1 ORDER BY opened_at, id`, [phone]);
  }

  /** Event payloads of one type for a number, in the order they were written. */
  async events(phone: string, type: string): Promise<{ id: string; type: string; data: any }[]> {
    const rows = await this.dataSource.query(
      `SELECT payload FROM outbox WHERE topic = 'event' AND aggregate_id = $1 AND type = $2 ORDER BY created_at, id`,
      [phone, type],
    );
    return rows.map((row: { payload: any }) => row.payload);
  }

  async audit(phone: string, action?: string): Promise<{ actor: string; action: string; subjectId: string | null; before: any; after: any; reason: string | null }[]> {
    return this.dataSource.query(
      `SELECT actor, action, subject_id AS "subjectId", before, after, reason FROM audit_entries
        WHERE phone_number = $1 AND ($2::text IS NULL OR action = $2) ORDER BY at, id`,
      [phone, action ?? null],
    );
  }

  async appeals(phone: string): Promise<{ id: string; caseId: string; status: string; merchantId: string; statement: string }[]> {
    return this.dataSource.query(
      `SELECT id, case_id AS "caseId", status, merchant_id AS "merchantId", statement FROM appeals WHERE phone_number = $1 ORDER BY created_at, id`,
      [phone],
    );
  }
}
