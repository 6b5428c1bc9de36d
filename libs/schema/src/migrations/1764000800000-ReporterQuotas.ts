import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A reporter's report quotas (SPEC §5: 5 a minute, 20 a day) are counted on the reporter's own row, which every
 * report already locks and writes: a fixed window each, opened by the first report after the last one ended. A row
 * from before has no window open (NULL), so its next report opens both.
 */
export class ReporterQuotas1764000800000 implements MigrationInterface {
  name = 'ReporterQuotas1764000800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE reporters
        ADD COLUMN minute_reports integer NOT NULL DEFAULT 0,
        ADD COLUMN minute_ends_at timestamptz,
        ADD COLUMN day_reports integer NOT NULL DEFAULT 0,
        ADD COLUMN day_ends_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE reporters
        DROP COLUMN day_ends_at,
        DROP COLUMN day_reports,
        DROP COLUMN minute_ends_at,
        DROP COLUMN minute_reports`);
  }
}
