import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Idempotency, PlatformError } from '@phonetrust/platform';
import { createPlatformContext } from '../support/platform-context';
import { createTestDatabase, TestDatabase } from '../support/test-database';

describe('idempotency keys', () => {
  let db: TestDatabase;
  let context: INestApplicationContext;
  let idempotency: Idempotency;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    context = await createPlatformContext(db.env);
    idempotency = context.get(Idempotency);
    dataSource = context.get(DataSource);
    await dataSource.query('CREATE TABLE work_done (n serial PRIMARY KEY, note text)');
  });
  afterAll(async () => {
    await context?.close();
    await db.drop();
  });

  /** A workflow as services write it: claim, work, store the response — one transaction. */
  async function workflow(key: string | undefined, body: unknown, fail = false) {
    const claim = idempotency.claimFor(key, 'POST /test', 'caller-1', body);
    const replayed = await idempotency.replay(claim);
    if (replayed) return replayed;
    return dataSource.transaction(async (tx) => {
      const prior = await idempotency.begin(tx, claim);
      if (prior) return prior;
      const [row] = await tx.query('INSERT INTO work_done (note) VALUES ($1) RETURNING n', [JSON.stringify(body)]);
      if (fail) throw new Error('work failed');
      const response = { statusCode: 201, body: { n: row.n } };
      await idempotency.complete(tx, claim, response);
      return response;
    });
  }

  it('replays the first response to a retry, and does the work once', async () => {
    const first = await workflow('key-1', { a: 1 });
    const again = await workflow('key-1', { a: 1 });
    expect(again).toEqual(first);
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM work_done WHERE note = '{"a":1}'`);
    expect(count).toBe(1);
  });

  it('does the work once for 20 concurrent requests with one key', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => workflow('key-concurrent', { b: 2 })));
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM work_done WHERE note = '{"b":2}'`);
    expect(count).toBe(1);
  });

  it('refuses the same key with another body (422)', async () => {
    await workflow('key-2', { a: 1 });
    await expect(workflow('key-2', { a: 2 })).rejects.toMatchObject({ code: 'idempotency_key_reused', status: 422 });
  });

  it('lets a retry do the work when the first attempt failed', async () => {
    await expect(workflow('key-3', { c: 3 }, true)).rejects.toThrow('work failed');
    const retried = await workflow('key-3', { c: 3 });
    expect(retried.statusCode).toBe(201);
  });

  it('keeps callers apart and refuses malformed keys', () => {
    const a = idempotency.claimFor('k', 'POST /test', 'caller-1', {});
    const b = idempotency.claimFor('k', 'POST /test', 'caller-2', {});
    expect(a!.scope).not.toBe(b!.scope);
    for (const bad of ['', 'x'.repeat(256), 'has space', 'tab\t', ['a', 'b']]) {
      expect(() => idempotency.claimFor(bad as string, 'POST /test', 'c', {})).toThrow(PlatformError);
    }
    expect(idempotency.claimFor(undefined, 'POST /test', 'c', {})).toBeUndefined();
  });
});
