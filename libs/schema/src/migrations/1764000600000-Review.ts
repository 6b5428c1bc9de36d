import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Review (SPEC §3 appeal, §6 cases): who works a case, how it was resolved and whether it was appealed, and the
 * merchants' appeals — one open per number and one per case.
 */
export class Review1764000600000 implements MigrationInterface {
  name = 'Review1764000600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN assignee text`);
    await q.query(`ALTER TABLE cases ADD COLUMN assigned_at timestamptz`);
    await q.query(`ALTER TABLE cases ADD COLUMN appealed_at timestamptz`);
    await q.query(`ALTER TABLE cases ADD COLUMN decision text`);
    await q.query(`ALTER TABLE cases ADD COLUMN resolution_note text`);
    await q.query(`ALTER TABLE cases ADD COLUMN resolved_by text`);
    await q.query(`ALTER TABLE cases ADD CONSTRAINT ck_cases_decision CHECK ("decision" IN ('suspend', 'restrict', 'reinstate', 'dismiss'))`);
    // Rows resolved before this migration (none were: nothing resolved cases until now) would need a decision.
    await q.query(`UPDATE cases SET decision = 'dismiss' WHERE status = 'resolved' AND decision IS NULL`);
    await q.query(`ALTER TABLE cases ADD CONSTRAINT ck_cases_resolution CHECK (("status" = 'open') = ("decision" IS NULL))`);
    await q.query(`CREATE INDEX ix_cases_status_opened ON cases (status, opened_at, id)`);

    await q.query(`
      CREATE TABLE appeals (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        phone_number text NOT NULL,
        merchant_id text NOT NULL,
        statement text NOT NULL,
        status text NOT NULL DEFAULT 'open',
        filed_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        closed_at timestamptz,
        CONSTRAINT pk_appeals PRIMARY KEY (id),
        CONSTRAINT ck_appeals_status CHECK ("status" IN ('open', 'closed'))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_appeals_open_number ON appeals (phone_number) WHERE "status" = 'open'`);
    await q.query(`CREATE UNIQUE INDEX uq_appeals_case ON appeals (case_id)`);
    await q.query(`CREATE INDEX ix_appeals_merchant ON appeals (merchant_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE appeals`);
    await q.query(`DROP INDEX ix_cases_status_opened`);
    await q.query(`ALTER TABLE cases DROP CONSTRAINT ck_cases_resolution`);
    await q.query(`ALTER TABLE cases DROP CONSTRAINT ck_cases_decision`);
    for (const column of ['resolved_by', 'resolution_note', 'decision', 'appealed_at', 'assigned_at', 'assignee']) {
      await q.query(`ALTER TABLE cases DROP COLUMN ${column}`);
    }
  }
}
