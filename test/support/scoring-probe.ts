import { DataSource } from 'typeorm';

/** Reads what the scoring workflows wrote, straight from the tables (tests assert on rows, not only responses). */
export class ScoringProbe {
  constructor(private readonly dataSource: DataSource) {}

  async transitions(phone: string): Promise<{ actor: string; from: string; to: string; reason: string | null; cause: string }[]> {
    const rows = await this.dataSource.query(
      `SELECT actor, before->>'state' AS "from", after->>'state' AS "to", reason, after->>'cause' AS cause
         FROM audit_entries WHERE phone_number = $1 AND action = 'number.state_changed' ORDER BY at, id`,
      [phone],
    );
    return rows;
  }

  async events(phone: string, type = 'number.state_changed'): Promise<{ id: string; payload: any }[]> {
    return this.dataSource.query(`SELECT id, payload FROM outbox WHERE topic = 'event' AND aggregate_id = $1 AND type = $2 ORDER BY created_at, id`, [phone, type]);
  }

  async cases(phone: string): Promise<{ id: string; status: string; priority: number; reason: string }[]> {
    return this.dataSource.query(`SELECT id, status, priority, reason FROM cases WHERE phone_number = $1`, [phone]);
  }

  async storedState(phone: string): Promise<string | undefined> {
    const rows = await this.dataSource.query(`SELECT state FROM numbers WHERE phone_number = $1`, [phone]);
    return rows[0]?.state;
  }

  async auditActions(phone: string): Promise<string[]> {
    const rows = await this.dataSource.query(`SELECT action FROM audit_entries WHERE phone_number = $1 ORDER BY at, id`, [phone]);
    return rows.map((r: { action: string }) => r.action);
  }
}
