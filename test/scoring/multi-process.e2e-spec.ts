import { Client } from 'pg';
import { HttpClient } from '../support/http-client';
import { newPhoneNumber, trustedAttestedScam } from '../support/report-factory';
import { killAllApis, spawnApi } from '../support/spawn-api';
import { createTestDatabase, TestDatabase, usingPostgres } from '../support/test-database';
import { waitFor } from '../support/wait-for';

/**
 * Two real API processes on one PostgreSQL (embedded PostgreSQL is one process by design): the row lock, not
 * process memory, makes each transition happen once.
 */
// Not imported from test-app: on the embedded database this file is skipped and should load no app code.
const ADMIN_KEY = 'multi-process-admin-key-0123456789abcdef';

(usingPostgres ? describe : describe.skip)('two API processes on one PostgreSQL', () => {
  let db: TestDatabase;
  let sql: Client;
  const urls: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = { ...db.env, ADMIN_API_KEY: ADMIN_KEY, NODE_ENV: 'test', SCORE_HALF_LIFE_SECONDS: '3', SCORE_SCHEDULER_INTERVAL_MS: '100' };
    const processes = [spawnApi(env), spawnApi(env)];
    urls.push(...(await Promise.all(processes.map((p) => p.ready))));
    sql = new Client({ connectionString: db.url! });
    await sql.connect();
  });
  afterAll(async () => {
    killAllApis();
    await sql?.end();
    await db?.drop();
  });

  async function keys() {
    const admin = new HttpClient(urls[0], ADMIN_KEY);
    const platform = await admin.post('/v1/api-keys', { name: 'platform', role: 'platform' });
    const analyst = await admin.post('/v1/api-keys', { name: 'analyst', role: 'analyst' });
    return {
      platform: urls.map((url) => new HttpClient(url, platform.body.key)),
      analyst: urls.map((url) => new HttpClient(url, analyst.body.key)),
    };
  }

  it('counts 50 concurrent reports split across both, and moves into suspended exactly once', async () => {
    const { platform, analyst } = await keys();
    const phone = newPhoneNumber();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => platform[i % 2].post('/v1/reports', trustedAttestedScam(phone))));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));

    const { rows: transitions } = await sql.query(
      `SELECT actor, before->>'state' AS "from", after->>'state' AS "to" FROM audit_entries
        WHERE phone_number = $1 AND action = 'number.state_changed' ORDER BY at, id`,
      [phone],
    );
    expect(transitions.map((x) => `${x.from}>${x.to}`)).toEqual(['ok>watch', 'watch>review', 'review>restricted', 'restricted>suspended']);
    const { rows: events } = await sql.query(`SELECT type, count(*)::int AS n FROM outbox WHERE aggregate_id = $1 GROUP BY type ORDER BY type`, [phone]);
    expect(events).toEqual([
      { type: 'case.opened', n: 1 },
      { type: 'number.state_changed', n: 4 },
    ]);
    const { rows: cases } = await sql.query(`SELECT status, priority FROM cases WHERE phone_number = $1`, [phone]);
    expect(cases).toEqual([{ status: 'open', priority: 3 }]);
    const { rows: counted } = await sql.query(`SELECT report_count, state FROM numbers WHERE phone_number = $1`, [phone]);
    expect(counted).toEqual([{ report_count: 50, state: 'suspended' }]);
    for (const client of analyst) {
      expect((await client.get(`/v1/numbers/${phone}`)).body).toMatchObject({ state: 'suspended', reportCount: 50, distinctReporters: 50 });
    }
  });

  it('counts one of concurrent duplicates sent to both', async () => {
    const { platform } = await keys();
    const phone = newPhoneNumber();
    const body = trustedAttestedScam(phone);
    const results = await Promise.all(Array.from({ length: 4 }, (_, i) => platform[i % 2].post('/v1/reports', body)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM reports WHERE phone_number = $1`, [phone]);
    expect(rows[0].n).toBe(1);
  });

  it('has the decay exit written once, by one of the two schedulers', async () => {
    const { platform, analyst } = await keys();
    const phone = newPhoneNumber();
    for (let i = 0; i < 5; i++) expect((await platform[i % 2].post('/v1/reports', trustedAttestedScam(phone))).status).toBe(201);
    expect((await analyst[0].get(`/v1/numbers/${phone}`)).body.state).toBe('restricted');
    await waitFor(async () => (await sql.query(`SELECT state FROM numbers WHERE phone_number = $1`, [phone])).rows[0].state === 'review', 30000, 'the decay exit');
    // both schedulers keep running for a while: still exactly one exit
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { rows } = await sql.query(
      `SELECT count(*)::int AS n FROM audit_entries WHERE phone_number = $1 AND action = 'number.state_changed' AND before->>'state' = 'restricted'`,
      [phone],
    );
    expect(rows[0].n).toBe(1);
  });
});
