import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk imports (the CLI's `reports:import`): each imported row carries a deterministic key, unique, so a re-run
 * inserts nothing twice; rows are inserted first and scored afterwards in time order per number, and
 * `import_pending` marks the ones not scored yet (an interrupted import finishes on its next run).
 */
export class ReportImports1764000700000 implements MigrationInterface {
  name = 'ReportImports1764000700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reports ADD COLUMN import_key text`);
    await q.query(`ALTER TABLE reports ADD COLUMN import_pending boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE UNIQUE INDEX uq_reports_import_key ON reports (import_key)`);
    await q.query(`CREATE INDEX ix_reports_import_pending ON reports (phone_number) WHERE "import_pending"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_reports_import_pending`);
    await q.query(`DROP INDEX uq_reports_import_key`);
    await q.query(`ALTER TABLE reports DROP COLUMN import_pending`);
    await q.query(`ALTER TABLE reports DROP COLUMN import_key`);
  }
}
