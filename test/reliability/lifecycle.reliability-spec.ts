import { FakeHttpServer } from '../support/fake-http-server';
import { newPhoneNumber } from '../support/report-factory';
import { waitFor } from '../support/wait-for';
import { ApiCluster } from './support/api-cluster';
import { recordFigure } from './support/figures';
import { PrivatePostgres } from './support/private-postgres';
import { ReportLoad } from './support/report-load';

describe('the SMS provider down, slow and resetting', () => {
  let pg: PrivatePostgres;
  let sms: FakeHttpServer;
  let cluster: ApiCluster;
  let key: string;
  const sql = (query: string) => pg.psql(query, 'phonetrust');

  beforeAll(async () => {
    pg = await PrivatePostgres.create();
    sms = await new FakeHttpServer().start();
    cluster = await ApiCluster.start(2, {
      DATABASE_URL: pg.database(),
      SMS_PROVIDER: 'webhook',
      SMS_WEBHOOK_URL: `${sms.url}/sms`,
      SMS_SEND_TIMEOUT_MS: '1000',
      SMS_TRIES_PER_PROVIDER: '20',
      SMS_RETRY_BASE_MS: '100',
      OTP_TTL_SECONDS: '8',
    });
    key = await cluster.key('platform');
  });

  afterAll(async () => {
    await cluster?.stop();
    await sms?.stop();
    pg?.destroy();
  });

  const start = async (merchantId: string) => {
    const res = await fetch(`${cluster.urls[Math.floor(Math.random() * 2)]}/v1/verifications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ merchantId, phoneNumber: newPhoneNumber() }),
    });
    return { status: res.status, body: (await res.json()) as { id: string; expiresAt: string }, at: Date.now() };
  };
  const deliveredTo = (id: string) => sms.requests.filter((r) => r.status === 200 && JSON.parse(r.body).verificationId === id);
  const outboxStatus = (id: string) => sql(`SELECT status FROM outbox WHERE aggregate_id = '${id}'`).trim();

  it('never makes a request wait on a slow provider, and sends once it answers', async () => {
    sms.fallback = { kind: 'hang', ms: 10000 };
    const firstHangAt = Date.now();
    const started = await Promise.all(Array.from({ length: 10 }, (_, i) => start(`slow-${i}`)));
    expect(started.every((s) => s.status === 201)).toBe(true);
    // Every answer came while the provider had not answered a single request.
    expect(Math.max(...started.map((s) => s.at))).toBeLessThan(firstHangAt + 10000);
    expect(sms.requests.every((r) => r.status === null)).toBe(true);
    sms.fallback = { kind: 'respond', status: 200 };
    for (const s of started) await waitFor(() => deliveredTo(s.body.id).length >= 1, 15000, `the code of ${s.body.id}`);
    recordFigure('faults', 'SMS provider hanging 10 s (timeout 1 s), 10 starts on 2 processes', 'every start answered before the provider answered anything; all codes sent once it recovered');
  });

  it('retries through connection resets', async () => {
    sms.fallback = { kind: 'reset' };
    const started = await Promise.all(Array.from({ length: 5 }, (_, i) => start(`reset-${i}`)));
    await waitFor(() => sms.requests.filter((r) => r.status === null).length >= 10, 10000, 'resets');
    sms.fallback = { kind: 'respond', status: 200 };
    for (const s of started) await waitFor(() => deliveredTo(s.body.id).length >= 1, 15000, `the code of ${s.body.id}`);
    recordFigure('faults', 'SMS provider resetting connections', 'codes sent once it stopped');
  });

  it('never sends a code that expired while the provider was down', async () => {
    sms.fallback = { kind: 'respond', status: 503 };
    const started = await Promise.all(Array.from({ length: 5 }, (_, i) => start(`down-${i}`)));
    const expiry = Math.max(...started.map((s) => Date.parse(s.body.expiresAt)));
    await waitFor(() => Date.now() > expiry + 500, 15000);
    sms.fallback = { kind: 'respond', status: 200 };
    for (const s of started) await waitFor(() => outboxStatus(s.body.id) === 'discarded', 20000, `${s.body.id} discarded`);
    for (const s of started) expect(deliveredTo(s.body.id)).toHaveLength(0);
    recordFigure('faults', 'SMS provider down for longer than the codes live', 'no expired code sent; messages discarded');
  });
});

describe('SIGTERM during a report load', () => {
  let pg: PrivatePostgres;
  let cluster: ApiCluster;
  const sql = (query: string) => pg.psql(query, 'phonetrust');

  beforeAll(async () => {
    pg = await PrivatePostgres.create();
    cluster = await ApiCluster.start(2, { DATABASE_URL: pg.database() });
  });

  afterAll(async () => {
    await cluster?.stop();
    pg?.destroy();
  });

  it('finishes in-flight requests, exits 0, and leaves nothing half-written', async () => {
    const key = await cluster.key('platform');
    const numbers = Array.from({ length: 10 }, () => newPhoneNumber());
    const load = new ReportLoad(cluster.urls, key, 8, numbers);
    await waitFor(() => load.acknowledged.length >= 200, 30000, 'the load to run');
    cluster.processes[0].kill('SIGTERM');
    expect(await cluster.processes[0].exited).toBe(0);
    const afterStop = load.acknowledged.length;
    await waitFor(() => load.acknowledged.length >= afterStop + 100, 30000, 'the other process to carry on');
    await load.stop();

    const ids = load.acknowledged.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Number(sql(`SELECT count(*) FROM reports WHERE id IN (${ids.map((id) => `'${id}'`).join(',')})`).trim())).toBe(ids.length);
    // Each report and its number's counters were written together: they agree for every number.
    const mismatches = sql(
      `SELECT n.phone_number FROM numbers n
         LEFT JOIN (SELECT phone_number, count(*) AS c FROM reports GROUP BY phone_number) r USING (phone_number)
        WHERE n.report_count <> coalesce(r.c, 0)`,
    ).trim();
    expect(mismatches).toBe('');
    recordFigure('faults', 'SIGTERM to one of 2 processes under a report load', `exit 0; ${ids.length} reports acknowledged, each stored once; counters consistent`);
  });
});
