import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '@phonetrust/platform';
import { OutboxRepository } from '../../libs/platform/src/outbox/outbox.repository';
import { NumberRepository } from '../../libs/scoring/src/numbers/number.repository';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The decay scheduler and the outbox dispatcher poll, every process, every second or so: each claim must read the
 * rows that are due, not every row that waits. A claim compared with `clock_timestamp()`, which (volatile) cannot
 * bound an index scan: the scan read every scheduled row and dropped those not yet due. Each test seeds many rows due
 * later and a few due now, claims in a transaction, and counts the index entries the transaction read.
 */
describe('claims of due rows', () => {
  const LATER = 3000;
  let t: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    // Nothing else claims while the tests do.
    t = await startTestApp({ SCORE_SCHEDULER_ENABLED: 'false', OUTBOX_DISPATCHER_ENABLED: 'false' });
    dataSource = t.dataSource;
  });
  afterAll(() => t?.dispose());

  /** Index entries this transaction's scans of `index` returned so far (the backend's own, not yet reported, counts). */
  async function entriesRead(tx: EntityManager, index: string): Promise<number> {
    const [row] = await queryRows<{ n: string }>(tx, `SELECT pg_stat_get_xact_tuples_returned($1::regclass) AS n`, [index]);
    return Number(row.n);
  }

  it('the scheduler reads only the numbers due', async () => {
    await dataSource.query(
      `INSERT INTO numbers (phone_number, next_evaluation_at)
       SELECT '+1202555' || lpad(g::text, 4, '0'), now() + make_interval(mins => g) FROM generate_series(1, $1::int) AS g`,
      [LATER],
    );
    await dataSource.query(
      `INSERT INTO numbers (phone_number, next_evaluation_at) VALUES ('+12025559901', now() - interval '1 minute'), ('+12025559902', now() - interval '2 minutes')`,
    );
    await dataSource.query(`ANALYZE numbers`);
    const numbers = t.app.get(NumberRepository);
    await dataSource.transaction(async (tx) => {
      const due = await numbers.claimDue(tx, 100);
      expect(due.map((n) => n.phoneNumber)).toEqual(['+12025559902', '+12025559901']);
      expect(await entriesRead(tx, 'ix_numbers_next_evaluation')).toBeLessThanOrEqual(10);
    });
  });

  it('the outbox reads only the messages due', async () => {
    await dataSource.query(
      `INSERT INTO outbox (topic, type, payload, next_attempt_at)
       SELECT 'events', 'test.later', '{}', now() + make_interval(mins => g) FROM generate_series(1, $1::int) AS g`,
      [LATER],
    );
    await dataSource.query(`INSERT INTO outbox (topic, type, payload, next_attempt_at) VALUES ('events', 'test.due', '{}', now() - interval '1 second')`);
    await dataSource.query(`ANALYZE outbox`);
    await dataSource.transaction(async (tx) => {
      // The repository's own statement, run in this transaction so its counts can be read.
      const outbox = new OutboxRepository({ manager: tx } as DataSource);
      const claimed = await outbox.claimDue('events', 20, 30000);
      expect(claimed.map((m) => m.type)).toEqual(['test.due']);
      expect(await entriesRead(tx, 'ix_outbox_due')).toBeLessThanOrEqual(10);
    });
  });
});
