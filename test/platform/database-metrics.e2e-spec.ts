import { DataSource } from 'typeorm';
import { Database, databaseConfig, DatabaseMetrics, EnvReader, MetricsRegistry, openDatabase, queryRows } from '@phonetrust/platform';
import { SCHEMA } from '@phonetrust/schema';
import { metricSample } from '../support/metric-sample';
import { createTestDatabase, TestDatabase, usingPostgres } from '../support/test-database';

/**
 * The database's share of the service's time in `/metrics` (`DatabaseMetrics`): every statement sent is timed once,
 * every checkout's wait for a connection is timed, and the pool's gauges say what holds and waits at the scrape.
 * One connection (the embedded database always has one), so a second checkout must wait for the first.
 */
describe('database metrics', () => {
  let db: TestDatabase;
  let database: Database;
  let dataSource: DataSource;
  let registry: MetricsRegistry;

  beforeAll(async () => {
    db = await createTestDatabase();
    registry = new MetricsRegistry();
    const config = databaseConfig.parse(new EnvReader({ ...db.env, DATABASE_POOL_SIZE: '1' }));
    database = await openDatabase(config, SCHEMA, { runMigrations: true, observer: new DatabaseMetrics(registry) });
    dataSource = database.dataSource;
  });
  afterAll(async () => {
    await database?.close();
    await db?.drop();
  });

  /** A sample of the registry's exposition, by name with labels. */
  const sample = async (name: string) => metricSample(await registry.registry.metrics(), name);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('times every statement sent, once, and every checkout', async () => {
    const statements = await sample('phonetrust_db_statement_seconds_count');
    const checkouts = await sample('phonetrust_db_pool_wait_seconds_count');
    await dataSource.query('SELECT 1');
    // BEGIN, two statements, COMMIT: on PostgreSQL BEGIN goes out with the first (PipeliningClient), still a statement.
    await dataSource.transaction(async (tx) => {
      await queryRows(tx, 'SELECT 1 AS a');
      await queryRows(tx, 'SELECT $1::int AS b', [2], { prepare: true });
    });
    expect((await sample('phonetrust_db_statement_seconds_count')) - statements).toBe(5);
    expect((await sample('phonetrust_db_pool_wait_seconds_count')) - checkouts).toBe(2);
  });

  it("counts a failed statement's round trip too", async () => {
    const statements = await sample('phonetrust_db_statement_seconds_count');
    await expect(dataSource.query('SELECT * FROM no_such_table')).rejects.toThrow();
    expect((await sample('phonetrust_db_statement_seconds_count')) - statements).toBe(1);
  });

  (usingPostgres ? it : it.skip)("times a statement's round trip from sent to answered", async () => {
    const sum = await sample('phonetrust_db_statement_seconds_sum');
    await dataSource.query('SELECT pg_sleep(0.2)');
    expect((await sample('phonetrust_db_statement_seconds_sum')) - sum).toBeGreaterThanOrEqual(0.2);
  });

  it('times the wait for a connection held by another, and shows it in the gauges meanwhile', async () => {
    const sum = await sample('phonetrust_db_pool_wait_seconds_sum');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const holder = dataSource.transaction(async (tx) => {
      await queryRows(tx, 'SELECT 1');
      await held;
    });
    await sleep(50);
    const waiter = dataSource.query('SELECT 2');
    await sleep(50);
    expect(await sample('phonetrust_db_pool_connections{state="busy"}')).toBe(1);
    expect(await sample('phonetrust_db_pool_connections{state="idle"}')).toBe(0);
    expect(await sample('phonetrust_db_pool_waiting')).toBe(1);
    await sleep(200);
    release();
    await Promise.all([holder, waiter]);
    // The waiter waited from its checkout to the holder's release: 250 ms, less the timers' slack.
    expect((await sample('phonetrust_db_pool_wait_seconds_sum')) - sum).toBeGreaterThanOrEqual(0.2);
    expect(await sample('phonetrust_db_pool_waiting')).toBe(0);
    expect(await sample('phonetrust_db_pool_connections{state="busy"}')).toBe(0);
  });
});
