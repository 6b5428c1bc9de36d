import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows, updateHeldRow, writeTogether } from '@phonetrust/platform';
import { ContributionRepository, ScoreLedger } from '@phonetrust/scoring';
import { NumberRepository } from '../../libs/scoring/src/numbers/number.repository';
import { VerificationRepository } from '../../libs/verification/src/verification.repository';
import { newPhoneNumber } from '../support/report-factory';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A prepared statement keeps the generic plan it got on its first uses. Made while a table was analyzed as nearly
 * empty (by autovacuum's first pass, or an ANALYZE after a bulk load), that plan scans the table, and every later
 * write by key read the whole table until the table was next analyzed. The hot paths' writes to rows the transaction
 * already holds are therefore upserts on the key (`updateHeldRow`), whose conflict is found through the unique index
 * whatever the plan. Each test forces generic plans on a table analyzed empty and counts the transaction's
 * sequential scans of it.
 */
describe('writes to held rows under a generic plan', () => {
  let t: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    // Without pipelining, so the tests can read the transaction's counters after a write marked last.
    t = await startTestApp({ DATABASE_PIPELINE: 'false' });
    dataSource = t.dataSource;
    await dataSource.query(`ANALYZE number_check_budgets, contributions, numbers`);
  });
  afterAll(() => t?.dispose());

  /** Sequential scans of `table` in this transaction so far (the backend's own, not yet reported, counts). */
  async function seqScans(tx: EntityManager, table: string): Promise<number> {
    const [row] = await queryRows<{ n: string }>(tx, `SELECT pg_stat_get_xact_numscans($1::regclass) AS n`, [table]);
    return Number(row.n);
  }

  /** Runs `work` with every statement planned generically, as a prepared statement's cached plan is. */
  async function withGenericPlans(tx: EntityManager, work: () => Promise<unknown>): Promise<void> {
    await tx.query(`SET LOCAL plan_cache_mode = force_generic_plan`);
    await work();
    await tx.query(`SET LOCAL plan_cache_mode = auto`);
  }

  it('a prepared UPDATE by key scans a table analyzed nearly empty; the same write as updateHeldRow does not', async () => {
    await dataSource.transaction(async (tx) => {
      await tx.query(`CREATE TEMP TABLE held_rows (k text PRIMARY KEY, v integer NOT NULL DEFAULT 0) ON COMMIT DROP`);
      await tx.query(`INSERT INTO held_rows (k) VALUES ('a'), ('b')`);
      await tx.query(`ANALYZE held_rows`);

      await withGenericPlans(tx, () => queryRows(tx, `UPDATE held_rows SET v = v + 1 WHERE k = $1`, ['a'], { prepare: true }));
      const afterUpdate = await seqScans(tx, 'held_rows');
      expect(afterUpdate).toBeGreaterThan(0);

      await withGenericPlans(tx, () => queryRows(tx, updateHeldRow('held_rows', { k: '$1' }, 'v = t.v + 1'), ['a'], { prepare: true }));
      expect(await seqScans(tx, 'held_rows')).toBe(afterUpdate);
      expect(await queryRows(tx, `SELECT k, v FROM held_rows ORDER BY k`)).toEqual([
        { k: 'a', v: 2 },
        { k: 'b', v: 0 },
      ]);
    });
  });

  it("a wrong code spends the number's daily budget without scanning the budgets", async () => {
    const verifications = t.app.get(VerificationRepository);
    const phone = newPhoneNumber();
    await dataSource.transaction(async (tx) => {
      const v = await verifications.insert(tx, {
        id: randomUUID(),
        merchantId: 'm-held-rows',
        phoneNumber: phone,
        country: null,
        numberType: 'mobile',
        channel: 'sms',
        locale: 'en',
        codeHash: 'x',
        codeSealed: 'y',
        clientIp: null,
        ttlSeconds: 600,
      });
      expect((await verifications.lockForCheck(tx, v.id))!.wrongCodesToday).toBe(0);
      const before = await seqScans(tx, 'number_check_budgets');
      await withGenericPlans(tx, () => verifications.recordWrongCode(tx, v.id, phone, 1, 'pending'));
      expect(await seqScans(tx, 'number_check_budgets')).toBe(before);
      expect((await verifications.lockForCheck(tx, v.id))!.wrongCodesToday).toBe(1);
    });
  });

  it("a report's contribution and number writes do not scan their tables", async () => {
    const ledger = t.app.get(ScoreLedger);
    const contributions = t.app.get(ContributionRepository);
    const numbers = t.app.get(NumberRepository);
    const phone = newPhoneNumber();
    const reporterHash = 'f'.repeat(64);
    await dataSource.transaction(async (tx) => {
      const locked = await ledger.lockReporter(tx, phone, reporterHash);
      const before = [await seqScans(tx, 'contributions'), await seqScans(tx, 'numbers')];
      const contribution = { value: 1.5, asOf: locked.number.now, low: false, epoch: 0, sourceReportId: null, category: 'scam' as const };
      const record = { ...locked.number.record, reportCount: locked.number.record.reportCount + 1 };
      await withGenericPlans(tx, () =>
        writeTogether(tx, [contributions.saveStatement(phone, reporterHash, contribution), numbers.saveStatement(phone, record, locked.number.now)]),
      );
      expect([await seqScans(tx, 'contributions'), await seqScans(tx, 'numbers')]).toEqual(before);
      const [stored] = await queryRows<{ value: number; report_count: number }>(
        tx,
        `SELECT c.value, n.report_count FROM contributions c JOIN numbers n USING (phone_number) WHERE c.phone_number = $1 AND c.reporter_hash = $2`,
        [phone, reporterHash],
      );
      expect(stored).toEqual({ value: 1.5, report_count: 1 });
    });
  });
});
