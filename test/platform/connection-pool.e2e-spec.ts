import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Database, databaseConfig, EnvReader, openDatabase } from '@phonetrust/platform';
import { SCHEMA } from '@phonetrust/schema';
import { createTestDatabase, TestDatabase, usingPostgres } from '../support/test-database';

/**
 * The pool keeps its connections through a lull (DATABASE_POOL_IDLE_TIMEOUT_MS, 10 minutes by default): pg's own
 * default closed them after 10 s idle, and the first requests after every quiet spell paid for new ones (a server
 * process each, its prepared statements parsed and planned again). The embedded database has one connection and no
 * pool to time out.
 */
(usingPostgres ? describe : describe.skip)('connection pool idle timeout', () => {
  let db: TestDatabase;
  let observer: Client;
  const opened: Database[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    observer = new Client({ connectionString: db.url! });
    await observer.connect();
  });
  afterAll(async () => {
    await Promise.all(opened.map((database) => database.close()));
    await observer?.end();
    await db?.drop();
  });

  /** Opens the database under a name of its own and makes its pool hold three connections at once. */
  async function openWithThreeConnections(env: Record<string, string>): Promise<string> {
    const name = `pool-${randomBytes(4).toString('hex')}`;
    const database = await openDatabase(databaseConfig.parse(new EnvReader({ ...db.env, ...env })), SCHEMA, { runMigrations: true, applicationName: name });
    opened.push(database);
    await Promise.all([1, 2, 3].map(() => database.dataSource.query('SELECT pg_sleep(0.05)')));
    return name;
  }

  const connectionsOf = async (name: string) =>
    (await observer.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1`, [name])).rows[0].n;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('closes connections idle longer than the timeout', async () => {
    const name = await openWithThreeConnections({ DATABASE_POOL_IDLE_TIMEOUT_MS: '200' });
    expect(await connectionsOf(name)).toBe(3);
    await sleep(800);
    expect(await connectionsOf(name)).toBe(0);
  });

  it('keeps idle connections by default, and for ever with 0', async () => {
    const byDefault = await openWithThreeConnections({});
    const never = await openWithThreeConnections({ DATABASE_POOL_IDLE_TIMEOUT_MS: '0' });
    await sleep(800);
    expect(await connectionsOf(byDefault)).toBe(3);
    expect(await connectionsOf(never)).toBe(3);
    // The default is long enough for a lull: ten minutes (pg's own is 10 s).
    const config = databaseConfig.parse(new EnvReader(db.env));
    expect(config.poolIdleTimeoutMs).toBe(600000);
  });
});
