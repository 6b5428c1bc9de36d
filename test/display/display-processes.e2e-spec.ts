import { FakeHttpServer } from '../support/fake-http-server';
import { HttpClient } from '../support/http-client';
import { ApiProcess, killAllApis, spawnApi } from '../support/spawn-api';
import { ADMIN_KEY } from '../support/test-app';
import { createTestDatabase, TestDatabase, usingPostgres } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { freshMobile, SmsWebhookBody, VERIFY_ENV } from '../verification/verification-fixture';

/**
 * Two real API processes on one PostgreSQL: a change made through one is visible through the other's display
 * cache within a second (SPEC §4), though that cache's TTL is a minute. PostgreSQL only: the embedded
 * database serves a single process by design.
 */
(usingPostgres ? describe : describe.skip)('display cache across two API processes', () => {
  let db: TestDatabase;
  let sms: FakeHttpServer;
  let a: ApiProcess;
  let b: ApiProcess;
  let platformA: HttpClient;
  let platformB: HttpClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    sms = await new FakeHttpServer().start();
    const env = { ...VERIFY_ENV, ...db.env, ADMIN_API_KEY: ADMIN_KEY, SMS_WEBHOOK_URL: `${sms.url}/sms`, DISPLAY_CACHE_TTL_MS: '60000', LOG_REQUESTS: 'none' };
    a = spawnApi(env);
    b = spawnApi(env);
    const [urlA, urlB] = await Promise.all([a.ready, b.ready]);
    const key = (await new HttpClient(urlA, ADMIN_KEY).post('/v1/api-keys', { name: 'platform', role: 'platform' })).body.key;
    platformA = new HttpClient(urlA, key);
    platformB = new HttpClient(urlB, key);
  });

  afterAll(async () => {
    a?.kill('SIGTERM');
    b?.kill('SIGTERM');
    await Promise.all([a?.exited, b?.exited]);
    killAllApis();
    await sms?.stop();
    await db?.drop();
  });

  async function verify(merchantId: string, phone: string): Promise<void> {
    const started = await platformA.post('/v1/verifications', { merchantId, phoneNumber: phone });
    await waitFor(() => sms.requests.some((r) => (JSON.parse(r.body) as SmsWebhookBody).verificationId === started.body.id));
    const code = sms.requests.map((r) => JSON.parse(r.body) as SmsWebhookBody).find((m) => m.verificationId === started.body.id)!.code;
    expect((await platformA.post(`/v1/verifications/${started.body.id}/check`, { code })).body.valid).toBe(true);
  }

  async function msUntil(client: HttpClient, phone: string, predicate: (body: any) => boolean): Promise<number> {
    const started = Date.now();
    await waitFor(async () => predicate((await client.get(`/v1/numbers/${encodeURIComponent(phone)}/display`)).body), 5000);
    return Date.now() - started;
  }

  it('sees a binding made through the other process, and its removal, within a second', async () => {
    const phone = freshMobile();
    // B caches "unverified" first.
    expect((await platformB.get(`/v1/numbers/${encodeURIComponent(phone)}/display`)).body.reason).toBe('unverified');
    await verify('merchant-x', phone);
    expect(await msUntil(platformB, phone, (body) => body.displayable === true)).toBeLessThan(1000);

    // B has "verified" cached now; the merchant removes the number through A.
    expect((await platformB.get(`/v1/numbers/${encodeURIComponent(phone)}/display`)).body.displayable).toBe(true);
    expect((await platformA.delete(`/v1/merchants/merchant-x/phones/${encodeURIComponent(phone)}`)).status).toBe(204);
    expect(await msUntil(platformB, phone, (body) => body.reason === 'unverified')).toBeLessThan(1000);
  });
});
