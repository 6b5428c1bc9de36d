import { DataSource } from 'typeorm';
import { Database, databaseConfig, EnvReader, openDatabase, queryOne, queryRows } from '@phonetrust/platform';
import { SCHEMA } from '@phonetrust/schema';
import { TcpProxy } from '../support/tcp-proxy';
import { createTestDatabase, TestDatabase, usingPostgres } from '../support/test-database';

interface CallbackQueryable {
  query(text: string, callback: (error: Error | null) => void): void;
}

/**
 * Transactions on PipeliningClient (PostgreSQL): BEGIN goes out in one packet with the first statement, and COMMIT
 * in one packet behind a statement marked last. The semantics must be exactly TypeORM's; on the embedded database
 * (no pipelining) the same tests check that `last` changes nothing.
 */
describe('pipelined transactions', () => {
  let db: TestDatabase;
  let proxy: TcpProxy | null = null;
  let database: Database;
  let dataSource: DataSource;
  let env: Record<string, string | undefined>;

  beforeAll(async () => {
    db = await createTestDatabase();
    env = db.env;
    if (db.url) {
      // Through a proxy that counts the writes the app makes.
      proxy = TcpProxy.forUrl(db.url);
      await proxy.start();
      env = { ...env, DATABASE_URL: proxy.rewrite(db.url) };
    }
    database = await openDatabase(databaseConfig.parse(new EnvReader(env)), SCHEMA, { runMigrations: true });
    dataSource = database.dataSource;
    await dataSource.query(`CREATE TABLE pipe_t (id int PRIMARY KEY, v int NOT NULL)`);
  });
  afterAll(async () => {
    await database?.close();
    await proxy?.stop();
    await db?.drop();
  });
  beforeEach(async () => {
    await dataSource.query(`TRUNCATE pipe_t`);
  });

  const count = async () => (await queryOne<{ n: number }>(dataSource.manager, `SELECT count(*)::int AS n FROM pipe_t`))!.n;

  it('commits every statement of a transaction', async () => {
    const returned = await dataSource.transaction(async (tx) => {
      await queryRows(tx, `INSERT INTO pipe_t VALUES (1, 1)`);
      return queryRows(tx, `INSERT INTO pipe_t VALUES ($1, $2) RETURNING v`, [2, 20], { prepare: true });
    });
    expect(returned).toEqual([{ v: 20 }]);
    expect(await count()).toBe(2);
  });

  it('commits a transaction whose last statement carries the COMMIT', async () => {
    const returned = await dataSource.transaction(async (tx) => {
      await queryRows(tx, `INSERT INTO pipe_t VALUES (1, 1)`);
      return queryRows(tx, `INSERT INTO pipe_t VALUES ($1, $2) RETURNING v`, [2, 20], { prepare: true, last: true });
    });
    expect(returned).toEqual([{ v: 20 }]);
    expect(await count()).toBe(2);
  });

  it("rolls the whole transaction back when its last statement fails, and answers with that statement's error", async () => {
    await dataSource.query(`INSERT INTO pipe_t VALUES (1, 1)`);
    const failing = dataSource.transaction(async (tx) => {
      await queryRows(tx, `INSERT INTO pipe_t VALUES (2, 2)`);
      return queryRows(tx, `INSERT INTO pipe_t VALUES ($1, 0)`, [1], { last: true });
    });
    await expect(failing).rejects.toMatchObject({ name: 'QueryFailedError', driverError: expect.objectContaining({ code: '23505' }) });
    expect(await count()).toBe(1);
    // The connection is clean afterwards: the next transaction on it works.
    await dataSource.transaction((tx) => queryRows(tx, `INSERT INTO pipe_t VALUES (3, 3)`, [], { last: true }));
    expect(await count()).toBe(2);
  });

  it('leaves a statement marked last outside a transaction as it is', async () => {
    expect(await queryRows(dataSource.manager, `INSERT INTO pipe_t VALUES (1, 1) RETURNING id`, [], { last: true })).toEqual([{ id: 1 }]);
    expect(await count()).toBe(1);
  });

  it('rolls the first statement (sent with BEGIN) back when a later one fails', async () => {
    await dataSource.query(`INSERT INTO pipe_t VALUES (1, 1)`);
    const failing = dataSource.transaction(async (tx) => {
      await queryRows(tx, `INSERT INTO pipe_t VALUES (2, 2)`);
      return queryRows(tx, `INSERT INTO pipe_t VALUES ($1, 0)`, [1]);
    });
    await expect(failing).rejects.toMatchObject({ name: 'QueryFailedError', driverError: expect.objectContaining({ code: '23505' }) });
    expect(await count()).toBe(1);
  });

  it('rolls back when the first statement fails, and the connection works afterwards', async () => {
    await expect(dataSource.transaction((tx) => queryRows(tx, `INSERT INTO pipe_t VALUES (1, NULL)`))).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '23502' }),
    });
    await dataSource.transaction((tx) => queryRows(tx, `INSERT INTO pipe_t VALUES (1, 1)`));
    expect(await count()).toBe(1);
  });

  it('rolls back when the work throws after its first statement, and when it throws before any', async () => {
    await expect(
      dataSource.transaction(async (tx) => {
        await queryRows(tx, `INSERT INTO pipe_t VALUES (1, 1)`);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await expect(dataSource.transaction(() => Promise.reject(new Error('nothing sent')))).rejects.toThrow('nothing sent');
    await expect(dataSource.transaction(async () => 'empty')).resolves.toBe('empty');
    expect(await count()).toBe(0);
    // Each of those left the connection outside any transaction: this statement autocommits.
    await queryRows(dataSource.manager, `INSERT INTO pipe_t VALUES (2, 2)`);
    expect(await count()).toBe(1);
  });

  it('holds row locks and counts exactly under many concurrent transactions', async () => {
    await dataSource.query(`INSERT INTO pipe_t VALUES (1, 0)`);
    await Promise.all(
      Array.from({ length: 40 }, () =>
        dataSource.transaction(async (tx) => {
          const row = await queryOne<{ v: number }>(tx, `SELECT v FROM pipe_t WHERE id = 1 FOR UPDATE`, [], { prepare: true });
          await queryRows(tx, `UPDATE pipe_t SET v = $1 WHERE id = 1`, [row!.v + 1], { prepare: true, last: true });
        }),
      ),
    );
    expect(await queryOne(dataSource.manager, `SELECT v FROM pipe_t WHERE id = 1`)).toEqual({ v: 40 });
  });

  it('runs a callback-style query on the transaction\'s connection inside the transaction', async () => {
    await expect(
      dataSource.transaction(async (tx) => {
        // The pg client under the transaction, used directly as other code could.
        const client = (tx.queryRunner as unknown as { databaseConnection: CallbackQueryable }).databaseConnection;
        await new Promise<void>((resolve, reject) => client.query(`INSERT INTO pipe_t VALUES (1, 1)`, (error) => (error ? reject(error) : resolve())));
        throw new Error('roll it back');
      }),
    ).rejects.toThrow('roll it back');
    expect(await count()).toBe(0);
  });

  (usingPostgres ? it : it.skip)('writes BEGIN with the first statement and COMMIT with the last, and nothing for an empty transaction', async () => {
    const work = (last: boolean) =>
      dataSource.transaction(async (tx) => {
        await queryRows(tx, `SELECT v FROM pipe_t WHERE id = $1 FOR UPDATE`, [1], { prepare: true });
        await queryRows(tx, `INSERT INTO pipe_t VALUES ($1, 1) ON CONFLICT (id) DO UPDATE SET v = pipe_t.v + 1`, [1], { prepare: true, last });
      });
    await work(true); // warms a pooled connection and its prepared statements
    const before = proxy!.clientChunks;
    const answersBefore = proxy!.serverChunks;
    await work(true);
    // BEGIN + SELECT, INSERT + COMMIT: unpipelined it would be 4.
    expect(proxy!.clientChunks - before).toBe(2);
    // And one answer each: BEGIN and COMMIT go under their statement's Sync, so the server flushes once a round trip.
    expect(proxy!.serverChunks - answersBefore).toBe(2);
    const unmarked = proxy!.clientChunks;
    await work(false);
    expect(proxy!.clientChunks - unmarked).toBe(3);
    const empty = proxy!.clientChunks;
    await dataSource.transaction(async () => undefined);
    expect(proxy!.clientChunks - empty).toBe(0);
    expect(await queryOne(dataSource.manager, `SELECT v FROM pipe_t WHERE id = 1`)).toEqual({ v: 3 });
  });

  it('fails the transaction when the COMMIT sent with its last statement fails, and commits nothing', async () => {
    await dataSource.query(`CREATE TABLE pipe_deferred (id int, CONSTRAINT uq_pipe_deferred UNIQUE (id) DEFERRABLE INITIALLY DEFERRED)`);
    try {
      // The duplicate is found at COMMIT, after the statement itself succeeded.
      const failing = dataSource.transaction(async (tx) => {
        await queryRows(tx, `INSERT INTO pipe_deferred VALUES ($1)`, [1], { prepare: true });
        return queryRows(tx, `INSERT INTO pipe_deferred VALUES ($1) RETURNING id`, [1], { prepare: true, last: true });
      });
      await expect(failing).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '23505' }) });
      expect(await queryRows(dataSource.manager, `SELECT id FROM pipe_deferred`)).toEqual([]);
      // The connection is outside any transaction afterwards: this statement autocommits.
      await dataSource.transaction((tx) => queryRows(tx, `INSERT INTO pipe_deferred VALUES ($1)`, [2], { prepare: true, last: true }));
      expect(await queryRows(dataSource.manager, `SELECT id FROM pipe_deferred`)).toEqual([{ id: 2 }]);
    } finally {
      await dataSource.query(`DROP TABLE pipe_deferred`);
    }
  });

  (usingPostgres ? it : it.skip)('prepares a statement again on a connection where its first Parse, sent with BEGIN, failed', async () => {
    // One connection, so the second transaction runs where the first failed.
    const single = await openDatabase(databaseConfig.parse(new EnvReader({ ...env, DATABASE_POOL_SIZE: '1' })), SCHEMA);
    try {
      const text = `SELECT v FROM pipe_later WHERE id = $1`;
      await expect(single.dataSource.transaction((tx) => queryRows(tx, text, [1], { prepare: true }))).rejects.toMatchObject({
        driverError: expect.objectContaining({ code: '42P01' }),
      });
      await dataSource.query(`CREATE TABLE pipe_later (id int PRIMARY KEY, v int)`);
      await dataSource.query(`INSERT INTO pipe_later VALUES (1, 7)`);
      expect(await single.dataSource.transaction((tx) => queryRows(tx, text, [1], { prepare: true, last: true }))).toEqual([{ v: 7 }]);
    } finally {
      await single.close();
      await dataSource.query(`DROP TABLE IF EXISTS pipe_later`);
    }
  });

  (usingPostgres ? it : it.skip)('describes a prepared statement once per connection, and its rows come back the same every time', async () => {
    // One connection, so every execution after the first finds its statements prepared and described.
    const single = await openDatabase(databaseConfig.parse(new EnvReader({ ...env, DATABASE_POOL_SIZE: '1' })), SCHEMA);
    const describes = () => proxy!.clientMessages.get('D') ?? 0;
    const lock = `SELECT id, v, clock_timestamp() AS at, NULL::text AS nothing, jsonb_build_object('v', v) AS doc, v::float8 / 2 AS half
                    FROM pipe_t WHERE id = $1 FOR UPDATE`;
    const counted = `SELECT count(*)::int AS n FROM pipe_t WHERE id < $1`;
    // The first statement carries the BEGIN, the second goes alone, the last (no rows: its Describe answers NoData)
    // carries the COMMIT.
    const write = (id: number) =>
      single.dataSource.transaction(async (tx) => {
        const [row] = await queryRows<Record<string, unknown>>(tx, lock, [1], { prepare: true });
        const [{ n }] = await queryRows<{ n: number }>(tx, counted, [id], { prepare: true });
        await queryRows(tx, `INSERT INTO pipe_t VALUES ($1, $2)`, [id, (row.v as number) + 1], { prepare: true, last: true });
        return { ...row, n };
      });
    try {
      await dataSource.query(`INSERT INTO pipe_t VALUES (1, 7)`);
      const before = describes();
      const first = await write(2);
      expect(describes() - before).toBe(3);
      const again = describes();
      const rows = [await write(3), await write(4)];
      // And outside a transaction.
      const alone = [2, 3].map(() => queryRows<{ n: number }>(single.dataSource.manager, counted, [10], { prepare: true }));
      expect(await Promise.all(alone)).toEqual([[{ n: 4 }], [{ n: 4 }]]);
      expect(describes() - again).toBe(0);
      for (const [i, row] of [first, ...rows].entries()) {
        expect(row).toEqual({ id: 1, v: 7, at: expect.any(Date), nothing: null, doc: { v: 7 }, half: 3.5, n: i + 1 });
        expect(Object.keys(row)).toEqual(['id', 'v', 'at', 'nothing', 'doc', 'half', 'n']);
      }
      expect(await count()).toBe(4);
      // A failed execution forgets the statement's description: the next one describes it again, and works.
      await expect(write(4)).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '23505' }) });
      const afterFailure = describes();
      await write(5);
      expect(describes() - afterFailure).toBe(1);
      expect(await queryRows(dataSource.manager, `SELECT id, v FROM pipe_t ORDER BY id`)).toEqual(
        [1, 2, 3, 4, 5].map((id) => ({ id, v: id === 1 ? 7 : 8 })),
      );
    } finally {
      await single.close();
    }
  });

  (usingPostgres ? it : it.skip)('refuses a query after the statement marked last; the COMMIT that went with it stands', async () => {
    await expect(
      dataSource.transaction(async (tx) => {
        await queryRows(tx, `INSERT INTO pipe_t VALUES (1, 1)`, [], { last: true });
        await queryRows(tx, `INSERT INTO pipe_t VALUES (2, 2)`);
      }),
    ).rejects.toThrow(/after its transaction's last statement/);
    expect(await queryRows(dataSource.manager, `SELECT id FROM pipe_t ORDER BY id`)).toEqual([{ id: 1 }]);
  });
});
