import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { preparedName, queryOne, queryRows } from '@phonetrust/platform';
import { createPlatformContext } from '../support/platform-context';
import { createTestDatabase, TestDatabase } from '../support/test-database';

describe('queryRows', () => {
  let db: TestDatabase;
  let context: INestApplicationContext;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    context = await createPlatformContext(db.env);
    dataSource = context.get(DataSource);
  });
  afterAll(async () => {
    await context?.close();
    await db.drop();
  });

  it('prepares a statement once per connection when asked, and runs it with new parameters each time', async () => {
    const sql = `SELECT $1::int + 1 AS next /* query-rows e2e */`;
    await dataSource.transaction(async (tx) => {
      expect(await queryOne(tx, sql, [1], { prepare: true })).toEqual({ next: 2 });
      expect(await queryOne(tx, sql, [41], { prepare: true })).toEqual({ next: 42 });
      const prepared = await queryRows<{ name: string; statement: string }>(tx, `SELECT name, statement FROM pg_prepared_statements WHERE name = $1`, [
        preparedName(sql),
      ]);
      expect(prepared).toEqual([{ name: preparedName(sql), statement: sql }]);
    });
  });

  it('leaves statements unprepared by default', async () => {
    const sql = `SELECT $1::int AS same /* query-rows e2e, unprepared */`;
    await dataSource.transaction(async (tx) => {
      expect(await queryOne(tx, sql, [7])).toEqual({ same: 7 });
      const prepared = await queryRows(tx, `SELECT name FROM pg_prepared_statements WHERE statement = $1`, [sql]);
      expect(prepared).toEqual([]);
    });
  });

  it('gives UPDATE rows like SELECT rows, prepared or not, and wraps errors as TypeORM does', async () => {
    await dataSource.transaction(async (tx) => {
      await tx.query(`CREATE TEMP TABLE qr2 (id int PRIMARY KEY, v int) ON COMMIT DROP`);
      await tx.query(`INSERT INTO qr2 VALUES (1, 1)`);
      const update = `UPDATE qr2 SET v = v + $2 WHERE id = $1 RETURNING v`;
      expect(await queryRows(tx, update, [1, 1], { prepare: true })).toEqual([{ v: 2 }]);
      expect(await queryRows(tx, update, [1, 1])).toEqual([{ v: 3 }]);
      await expect(queryRows(tx, `INSERT INTO qr2 VALUES ($1, 0)`, [1], { prepare: true })).rejects.toMatchObject({
        name: 'QueryFailedError',
        driverError: expect.objectContaining({ code: '23505' }),
      });
    });
  });

  it('names a text the same way every time, and different texts differently', () => {
    expect(preparedName('SELECT 1')).toBe(preparedName('SELECT 1'));
    expect(preparedName('SELECT 1')).not.toBe(preparedName('SELECT 2'));
    expect(preparedName('SELECT 1')).toMatch(/^pt_[0-9a-f]{24}$/);
  });
});
