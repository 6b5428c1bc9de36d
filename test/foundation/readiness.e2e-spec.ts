import { EmbeddedPostgres } from '@phonetrust/platform';
import { TcpProxy } from '../support/tcp-proxy';
import { startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * The database goes away under a running app and comes back: readiness follows it, and the process
 * recovers on its own. On the embedded setup the test serves an embedded database over its socket and
 * puts the proxy in front of it, so the same failure is exercised.
 */
describe('readiness follows the database', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let db: TestDatabase;
  let embedded: EmbeddedPostgres | null = null;

  beforeAll(async () => {
    db = await createTestDatabase();
    let targetUrl = db.url;
    if (!targetUrl) {
      embedded = await EmbeddedPostgres.start('memory://', { maxConnections: 4 });
      targetUrl = embedded.url;
    }
    proxy = TcpProxy.forUrl(targetUrl);
    await proxy.start();
    const proxied: TestDatabase = { env: { DATABASE_URL: proxy.rewrite(targetUrl) }, url: proxy.rewrite(targetUrl), drop: async () => undefined };
    t = await startTestApp({ DATABASE_POOL_SIZE: '2', DATABASE_CONNECT_TIMEOUT_MS: '500' }, proxied);
  });

  afterAll(async () => {
    await t?.stop();
    await proxy?.stop();
    await embedded?.stop();
    await db?.drop();
  });

  async function waitForStatus(path: string, status: number, timeoutMs = 10000): Promise<number> {
    const started = Date.now();
    for (;;) {
      const res = await t.anonymous.get(path);
      if (res.status === status) return Date.now() - started;
      if (Date.now() - started > timeoutMs) throw new Error(`${path} stayed ${res.status}, wanted ${status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('answers 503 while the database is unreachable and 200 once it is back, without a restart', async () => {
    expect((await t.anonymous.get('/health/ready')).status).toBe(200);

    proxy.cut();
    await waitForStatus('/health/ready', 503);
    const down = await t.anonymous.get('/health/ready');
    expect(down.body).toMatchObject({ statusCode: 503, code: 'service_unavailable' });
    expect((await t.anonymous.get('/health/live')).status).toBe(200);
    // A request that needs the database fails cleanly, it does not hang.
    const during = await t.admin.post('/v1/api-keys', { name: 'during-outage', role: 'analyst' });
    expect(during.status).toBe(503);
    expect(during.body).toMatchObject({ statusCode: 503, code: 'service_unavailable' });
    expect(during.headers.get('retry-after')).toBe('1');

    proxy.heal();
    await waitForStatus('/health/ready', 200);
    const after = await t.admin.post('/v1/api-keys', { name: 'after-outage', role: 'analyst' });
    expect(after.status).toBe(201);
  });

  it('answers 503 within its timeout when the database black-holes traffic', async () => {
    proxy.blackhole();
    const started = Date.now();
    const res = await t.anonymous.get('/health/ready');
    expect(res.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(5000);
    proxy.cut();
    proxy.heal();
    await waitForStatus('/health/ready', 200, 15000);
  });
});
