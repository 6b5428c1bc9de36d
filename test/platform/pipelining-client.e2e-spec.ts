import { DataSource, EntityManager } from 'typeorm';
import { Database, databaseConfig, EnvReader, leanTransaction, openDatabase, queryOne, queryRows } from '@phonetrust/platform';
import { SCHEMA } from '@phonetrust/schema';
import { TcpProxy } from '../support/tcp-proxy';
import { createTestDatabase, TestDatabase, usingPostgres } from '../support/test-database';

interface CallbackQueryable {
  query(text: string, callback: (error: Error | null) => void): void;
}

/**
 * Transactions on PipeliningClient (PostgreSQL): BEGIN goes out in one packet with the first statement, and COMMIT
 * in one packet behind a statement marked last. The semantics must be exactly TypeORM's; on the embedded database
 * (no pipelining) the same tests check that `last` changes nothing. Every test runs through TypeORM's transactions
 * and through `leanTransaction`, which must behave alike.
 */
type Transaction = <T>(dataSource: DataSource, work: (tx: EntityManager) => Promise<T>) => Promise<T>;
const RUNNERS: [string, Transaction][] = [
  ['DataSource.transaction', (dataSource, work) => dataSource.transaction(work)],
  ['leanTransaction', (dataSource, work) => leanTransaction(dataSource, work)],
];

describe.each(RUNNERS)('pipelined transactions (%s)', (_name, run) => {
  let db: TestDatabase;
  let proxy: TcpProxy | null = null;
  let database: Database;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    let env = db.env;
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

  const transaction = <T>(work: (tx: EntityManager) => Promise<T>) => run(dataSource, work);
  const count = async () => (await queryOne<{ n: number }>(dataSource.manager, `SELECT count(*)::int AS n FROM pipe_t`))!.n;

  it('commits every statement of a transaction', async () => {
    const returned = await transaction(async (tx) => {
      await queryRows(tx, `INSERT INTO pipe_t VALUES (1, 1)`);
      return queryRows(tx, `INSERT INTO pipe_t VALUES ($1, $2) RETURNING v`, [2, 20], { prepare: true });
    });
    expect(returned).toEqual([{ v: 20 }]);
    expect(await count()).toBe(2);
  });

  it('commits a transaction whose last statement carries the COMMIT', async () => {
    const returned = await transaction(async (tx) => {
      await queryRows(tx, `INSERT INTO pipe_t VALUES (1, 1)`);
      return queryRows(tx, `INSERT INTO pipe_t VALUES ($1, $2) RETURNING v`, [2, 20], { prepare: true, last: true });
    });
    expect(returned).toEqual([{ v: 20 }]);
    expect(await count()).toBe(2);
  });

  it("rolls the whole transaction back when its last statement fails, and answers with that statement's error", async () => {
    await dataSource.query(`INSERT INTO pipe_t VALUES (1, 1)`);
    const failing = transaction(async (tx) => {
      await queryRows(tx, `INSERT INTO pipe_t VALUES (2, 2)`);
      return queryRows(tx, `INSERT INTO pipe_t VALUES ($1, 0)`, [1], { last: true });
    });
    await expect(failing).rejects.toMatchObject({ name: 'QueryFailedError', driverError: expect.objectContaining({ code: '23505' }) });
    expect(await count()).toBe(1);
    // The connection is clean afterwards: the next transaction on it works.
    await transaction((tx) => queryRows(tx, `INSERT INTO pipe_t VALUES (3, 3)`, [], { last: true }));
    expect(await count()).toBe(2);
  });

  it('leaves a statement marked last outside a transaction as it is', async () => {
    expect(await queryRows(dataSource.manager, `INSERT INTO pipe_t VALUES (1, 1) RETURNING id`, [], { last: true })).toEqual([{ id: 1 }]);
    expect(await count()).toBe(1);
  });

  it('rolls the first statement (sent with BEGIN) back when a later one fails', async () => {
    await dataSource.query(`INSERT INTO pipe_t VALUES (1, 1)`);
    const failing = transaction(async (tx) => {
      await queryRows(tx, `INSERT INTO pipe_t VALUES (2, 2)`);
      return queryRows(tx, `INSERT INTO pipe_t VALUES ($1, 0)`, [1]);
    });
    await expect(failing).rejects.toMatchObject({ name: 'QueryFailedError', driverError: expect.objectContaining({ code: '23505' }) });
    expect(await count()).toBe(1);
  });

  it('rolls back when the first statement fails, and the connection works afterwards', async () => {
    await expect(transaction((tx) => queryRows(tx, `INSERT INTO pipe_t VALUES (1, NULL)`))).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '23502' }),
    });
    await transaction((tx) => queryRows(tx, `INSERT INTO pipe_t VALUES (1, 1)`));
    expect(await count()).toBe(1);
  });

  it('rolls back when the work throws after its first statement, and when it throws before any', async () => {
    await expect(
      transaction(async (tx) => {
        await queryRows(tx, `INSERT INTO pipe_t VALUES (1, 1)`);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await expect(transaction(() => Promise.reject(new Error('nothing sent')))).rejects.toThrow('nothing sent');
    await expect(transaction(async () => 'empty')).resolves.toBe('empty');
    expect(await count()).toBe(0);
    // Each of those left the connection outside any transaction: this statement autocommits.
    await queryRows(dataSource.manager, `INSERT INTO pipe_t VALUES (2, 2)`);
    expect(await count()).toBe(1);
  });

  it('holds row locks and counts exactly under many concurrent transactions', async () => {
    await dataSource.query(`INSERT INTO pipe_t VALUES (1, 0)`);
    await Promise.all(
      Array.from({ length: 40 }, () =>
        transaction(async (tx) => {
          const row = await queryOne<{ v: number }>(tx, `SELECT v FROM pipe_t WHERE id = 1 FOR UPDATE`, [], { prepare: true });
          await queryRows(tx, `UPDATE pipe_t SET v = $1 WHERE id = 1`, [row!.v + 1], { prepare: true, last: true });
        }),
      ),
    );
    expect(await queryOne(dataSource.manager, `SELECT v FROM pipe_t WHERE id = 1`)).toEqual({ v: 40 });
  });

  it('runs a callback-style query on the transaction\'s connection inside the transaction', async () => {
    await expect(
      transaction(async (tx) => {
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
      transaction(async (tx) => {
        await queryRows(tx, `SELECT v FROM pipe_t WHERE id = $1 FOR UPDATE`, [1], { prepare: true });
        await queryRows(tx, `INSERT INTO pipe_t VALUES ($1, 1) ON CONFLICT (id) DO UPDATE SET v = pipe_t.v + 1`, [1], { prepare: true, last });
      });
    await work(true); // warms a pooled connection and its prepared statements
    const before = proxy!.clientChunks;
    await work(true);
    // BEGIN + SELECT, INSERT + COMMIT: unpipelined it would be 4.
    expect(proxy!.clientChunks - before).toBe(2);
    const unmarked = proxy!.clientChunks;
    await work(false);
    expect(proxy!.clientChunks - unmarked).toBe(3);
    const empty = proxy!.clientChunks;
    await transaction(async () => undefined);
    expect(proxy!.clientChunks - empty).toBe(0);
    expect(await queryOne(dataSource.manager, `SELECT v FROM pipe_t WHERE id = 1`)).toEqual({ v: 3 });
  });

  (usingPostgres ? it : it.skip)('refuses a query after the statement marked last; the COMMIT that went with it stands', async () => {
    await expect(
      transaction(async (tx) => {
        await queryRows(tx, `INSERT INTO pipe_t VALUES (1, 1)`, [], { last: true });
        await queryRows(tx, `INSERT INTO pipe_t VALUES (2, 2)`);
      }),
    ).rejects.toThrow(/after its transaction's last statement/);
    expect(await queryRows(dataSource.manager, `SELECT id FROM pipe_t ORDER BY id`)).toEqual([{ id: 1 }]);
  });

  it('answers UPDATE and DELETE with their rows and count, and anything else with its rows, as TypeORM does', async () => {
    await dataSource.query(`INSERT INTO pipe_t VALUES (1, 1), (2, 2)`);
    const results = await transaction(async (tx) => [
      await tx.query(`UPDATE pipe_t SET v = v + 1 WHERE id = 1`),
      await tx.query(`DELETE FROM pipe_t WHERE id = 2 RETURNING v`),
      await tx.query(`INSERT INTO pipe_t VALUES (3, 3) RETURNING v`),
      await tx.query(`SELECT v FROM pipe_t ORDER BY id`),
    ]);
    expect(results).toEqual([[[], 1], [[{ v: 2 }], 1], [{ v: 3 }], [{ v: 2 }, { v: 3 }]]);
  });

  it("refuses a query through a transaction's manager once the transaction is over", async () => {
    let kept: EntityManager | undefined;
    await transaction(async (tx) => {
      kept = tx;
      await queryRows(tx, `INSERT INTO pipe_t VALUES (1, 1)`);
    });
    await expect(kept!.query(`INSERT INTO pipe_t VALUES (2, 2)`)).rejects.toThrow();
    expect(await count()).toBe(1);
  });

  (usingPostgres ? it : it.skip)('drops a connection that dies in a transaction from the pool, and the next transactions work', async () => {
    await expect(transaction((tx) => queryRows(tx, `SELECT pg_terminate_backend(pg_backend_pid())`))).rejects.toBeDefined();
    // More at once than the pool holds: a dead connection handed out again would fail one of them.
    const poolSize = databaseConfig.parse(new EnvReader({})).poolSize;
    const answers = await Promise.all(
      Array.from({ length: poolSize * 2 }, (_, i) => transaction((tx) => queryOne<{ i: number }>(tx, `SELECT $1::int AS i, pg_sleep(0.05)`, [i]))),
    );
    expect(answers.map((row) => row!.i)).toEqual(Array.from({ length: poolSize * 2 }, (_, i) => i));
  });
});
