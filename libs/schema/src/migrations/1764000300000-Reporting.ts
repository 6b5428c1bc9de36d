import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports and scoring (SPEC §5, §6): reports and reporters, each reporter's contribution to a number, the
 * number's score kept on its row, and review cases.
 */
export class Reporting1764000300000 implements MigrationInterface {
  name = 'Reporting1764000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reporters (
        reporter_hash text NOT NULL,
        upheld_count integer NOT NULL DEFAULT 0,
        rejected_count integer NOT NULL DEFAULT 0,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        last_report_at timestamptz,
        CONSTRAINT pk_reporters PRIMARY KEY (reporter_hash)
      )`);

    await q.query(`
      CREATE TABLE reports (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        phone_number text NOT NULL,
        reporter_hash text NOT NULL,
        category text NOT NULL,
        description text,
        channel text,
        occurred_at timestamptz,
        interaction_id text,
        attested boolean NOT NULL DEFAULT false,
        account_age_days integer,
        verified_buyer boolean,
        assurance double precision NOT NULL,
        trust double precision NOT NULL,
        weight double precision NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        verdict text,
        verdict_note text,
        verdict_at timestamptz,
        verdict_by text,
        CONSTRAINT pk_reports PRIMARY KEY (id),
        CONSTRAINT ck_reports_category CHECK ("category" IN ('harassment', 'spam', 'scam', 'threat', 'impersonation', 'other')),
        CONSTRAINT ck_reports_channel CHECK ("channel" IN ('call', 'sms', 'chat', 'other')),
        CONSTRAINT ck_reports_verdict CHECK ("verdict" IN ('upheld', 'rejected'))
      )`);
    await q.query(`CREATE INDEX ix_reports_phone_created ON reports (phone_number, created_at, id)`);

    await q.query(`
      CREATE TABLE contributions (
        phone_number text NOT NULL,
        reporter_hash text NOT NULL,
        value double precision NOT NULL DEFAULT 0,
        as_of timestamptz NOT NULL DEFAULT now(),
        low_assurance boolean NOT NULL DEFAULT false,
        epoch integer NOT NULL DEFAULT 0,
        source_report_id uuid,
        category text,
        last_counted_report_id uuid,
        last_counted_at timestamptz,
        CONSTRAINT pk_contributions PRIMARY KEY (phone_number, reporter_hash)
      )`);

    await q.query(`ALTER TABLE numbers ADD COLUMN state_held boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE numbers ADD COLUMN mass_normal double precision NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE numbers ADD COLUMN mass_low double precision NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE numbers ADD COLUMN mass_as_of timestamptz NOT NULL DEFAULT now()`);
    await q.query(`ALTER TABLE numbers ADD COLUMN epoch integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE numbers ADD COLUMN live_reporters jsonb`);
    await q.query(`ALTER TABLE numbers ADD COLUMN burst_window jsonb`);
    await q.query(`ALTER TABLE numbers ADD COLUMN report_count integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE numbers ADD COLUMN decays_at timestamptz`);
    await q.query(`ALTER TABLE numbers ADD COLUMN decays_to text`);
    await q.query(`ALTER TABLE numbers ADD COLUMN next_evaluation_at timestamptz`);
    await q.query(
      `ALTER TABLE numbers ADD CONSTRAINT ck_numbers_decays_to CHECK ("decays_to" IN ('ok', 'watch', 'review', 'restricted', 'suspended'))`,
    );
    await q.query(`CREATE INDEX ix_numbers_next_evaluation ON numbers (next_evaluation_at) WHERE "next_evaluation_at" IS NOT NULL`);

    await q.query(`
      CREATE TABLE cases (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        phone_number text NOT NULL,
        status text NOT NULL DEFAULT 'open',
        priority integer NOT NULL DEFAULT 0,
        reason text NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        CONSTRAINT pk_cases PRIMARY KEY (id),
        CONSTRAINT ck_cases_status CHECK ("status" IN ('open', 'resolved'))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_cases_open_number ON cases (phone_number) WHERE "status" = 'open'`);
    await q.query(`CREATE INDEX ix_cases_queue ON cases (status, priority, opened_at)`);
    await q.query(`CREATE INDEX ix_cases_phone ON cases (phone_number, opened_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cases`);
    await q.query(`DROP INDEX ix_numbers_next_evaluation`);
    await q.query(`ALTER TABLE numbers DROP CONSTRAINT ck_numbers_decays_to`);
    for (const column of [
      'next_evaluation_at',
      'decays_to',
      'decays_at',
      'report_count',
      'burst_window',
      'live_reporters',
      'epoch',
      'mass_as_of',
      'mass_low',
      'mass_normal',
      'state_held',
    ]) {
      await q.query(`ALTER TABLE numbers DROP COLUMN ${column}`);
    }
    await q.query(`DROP TABLE contributions`);
    await q.query(`DROP TABLE reports`);
    await q.query(`DROP TABLE reporters`);
  }
}
