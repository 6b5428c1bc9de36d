import { FakeHttpServer } from '../support/fake-http-server';
import { newPhoneNumber, newReporterId, trustedAttestedScam } from '../support/report-factory';
import { waitFor } from '../support/wait-for';
import { ApiCluster } from './support/api-cluster';
import { BarrierClient, ShotResult } from './support/barrier-client';
import { PrivatePostgres } from './support/private-postgres';
import { recordFigure } from './support/figures';

/**
 * Races between two real API processes on one PostgreSQL, released together over warm keep-alive connections.
 * Every limit, counter, transition and uniqueness rule must hold as if the requests had come one by one.
 */
describe('races across two API processes', () => {
  let pg: PrivatePostgres;
  let sms: FakeHttpServer;
  let cluster: ApiCluster;
  let platform: BarrierClient;
  let analyst: BarrierClient;
  const sql = (query: string) => pg.psql(query, 'phonetrust');
  const count = (query: string) => Number(sql(query).trim());

  beforeAll(async () => {
    pg = await PrivatePostgres.create();
    sms = await new FakeHttpServer().start();
    cluster = await ApiCluster.start(2, {
      DATABASE_URL: pg.database(),
      SMS_PROVIDER: 'webhook',
      SMS_WEBHOOK_URL: `${sms.url}/sms`,
      VERIFY_LIMIT_NUMBER_SENDS_PER_HOUR: '5',
      DATABASE_POOL_SIZE: '20',
    });
    platform = new BarrierClient(cluster.urls, await cluster.key('platform'));
    analyst = new BarrierClient(cluster.urls, await cluster.key('analyst'), 10);
    await platform.warm();
    await analyst.warm();
  });

  afterAll(async () => {
    platform?.close();
    analyst?.close();
    await cluster?.stop();
    await sms?.stop();
    pg?.destroy();
  });

  async function startVerification(merchantId: string, phoneNumber: string): Promise<{ id: string; code: string }> {
    const [started] = await platform.fire([{ method: 'POST', path: '/v1/verifications', body: { merchantId, phoneNumber } }]);
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    await waitFor(() => sms.requests.some((r) => JSON.parse(r.body).verificationId === id));
    return { id, code: JSON.parse(sms.requests.find((r) => JSON.parse(r.body).verificationId === id)!.body).code };
  }

  const tally = (results: ShotResult[]) =>
    results.reduce<Record<string, number>>((acc, r) => {
      const key = `${r.status}${r.body?.code ? ` ${r.body.code}` : r.body?.valid !== undefined ? ` valid=${r.body.valid}` : ''}`;
      acc[key] = (acc[key] ?? 0) + 1;
      return acc;
    }, {});

  it('evaluates exactly 5 of 50 wrong checks on one verification', async () => {
    const { id, code } = await startVerification('race-wrong', newPhoneNumber());
    const wrong = code === '000000' ? '111111' : '000000';
    const results = await platform.fire(Array.from({ length: 50 }, () => ({ method: 'POST' as const, path: `/v1/verifications/${id}/check`, body: { code: wrong } })));
    expect(tally(results)).toEqual({ '200 valid=false': 5, '429 max_attempts_reached': 45 });
    expect(sql(`SELECT attempts || ' ' || status FROM verifications WHERE id = '${id}'`).trim()).toBe('5 failed');
    recordFigure('races', '50 concurrent wrong checks (2 processes)', 'exactly 5 evaluated');
  });

  it('approves once for 20 right checks', async () => {
    const phone = newPhoneNumber();
    const { id, code } = await startVerification('race-right', phone);
    const results = await platform.fire(Array.from({ length: 20 }, () => ({ method: 'POST' as const, path: `/v1/verifications/${id}/check`, body: { code } })));
    expect(tally(results)).toEqual({ '200 valid=true': 1, '409 verification_not_pending': 19 });
    expect(count(`SELECT count(*) FROM phone_bindings WHERE phone_number = '${phone}'`)).toBe(1);
    expect(count(`SELECT count(*) FROM outbox WHERE type = 'verification.approved' AND aggregate_id = '${phone}'`)).toBe(1);
    recordFigure('races', '20 concurrent right checks (2 processes)', 'one approval, one binding, one event');
  });

  it('queues at most the number limit of SMS for 100 starts of one number by 10 merchants', async () => {
    const phone = newPhoneNumber();
    const results = await platform.fire(
      Array.from({ length: 100 }, (_, i) => ({ method: 'POST' as const, path: '/v1/verifications', body: { merchantId: `pump-${i % 10}`, phoneNumber: phone } })),
    );
    const accepted = results.filter((r) => r.status === 200 || r.status === 201).length;
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThanOrEqual(5);
    expect(results.every((r) => r.status < 500)).toBe(true);
    expect(count(`SELECT count(*) FROM outbox WHERE topic = 'sms' AND payload->>'to' = '${phone}'`)).toBe(accepted);
    recordFigure('races', '100 concurrent starts of one number by 10 merchants', `${accepted} SMS queued (limit 5)`);
  });

  it('makes one transition, one event and one case when 50 distinct reporters cross the thresholds at once', async () => {
    const phone = newPhoneNumber();
    const results = await platform.fire(Array.from({ length: 50 }, () => ({ method: 'POST' as const, path: '/v1/reports', body: trustedAttestedScam(phone) })));
    expect(tally(results)).toEqual({ '201': 50 });
    expect(count(`SELECT count(*) FROM reports WHERE phone_number = '${phone}'`)).toBe(50);
    expect(sql(`SELECT state FROM numbers WHERE phone_number = '${phone}'`).trim()).toBe('suspended');
    const transitions = sql(
      `SELECT after->>'state' FROM audit_entries WHERE action = 'number.state_changed' AND phone_number = '${phone}' ORDER BY at`,
    ).trim().split('\n');
    // Each state entered at most once, and the chain ends in suspended.
    expect(new Set(transitions).size).toBe(transitions.length);
    expect(transitions[transitions.length - 1]).toBe('suspended');
    expect(count(`SELECT count(*) FROM outbox WHERE type = 'number.state_changed' AND aggregate_id = '${phone}'`)).toBe(transitions.length);
    expect(count(`SELECT count(*) FROM outbox WHERE type = 'number.state_changed' AND aggregate_id = '${phone}' AND payload->'data'->>'to' = 'suspended'`)).toBe(1);
    expect(count(`SELECT count(*) FROM cases WHERE phone_number = '${phone}'`)).toBe(1);
    recordFigure('races', '50 concurrent reporters crossing every threshold', `${transitions.length} transitions, each once; 1 case; 50 counted`);
  });

  it('serialises an analyst decision racing the reports that cross it: the audit chain has no gap', async () => {
    for (let round = 0; round < 3; round++) {
      const phone = newPhoneNumber();
      const reports = Array.from({ length: 12 }, () => ({ method: 'POST' as const, path: '/v1/reports', body: trustedAttestedScam(phone) }));
      const reinstate = { method: 'POST' as const, path: `/v1/numbers/${encodeURIComponent(phone)}/reinstate`, body: { reason: 'race test' } };
      const [decided, ...filed] = await Promise.all([
        analyst.fire([reinstate]).then((r) => r[0]),
        platform.fire(reports),
      ]).then(([d, f]) => [d, ...f]);
      expect(decided.status).toBe(200);
      expect(filed.every((r) => r.status === 201)).toBe(true);
      // Whatever the interleaving, each recorded change starts where the previous one ended, and the number is
      // in the state the last one says: no transition was computed from a stale state.
      const chain = sql(
        `SELECT coalesce(before->>'state', '') || '>' || coalesce(after->>'state', '') FROM audit_entries
          WHERE action = 'number.state_changed' AND phone_number = '${phone}' ORDER BY at, id`,
      ).trim().split('\n').filter(Boolean);
      for (let i = 1; i < chain.length; i++) expect(chain[i].split('>')[0]).toBe(chain[i - 1].split('>')[1]);
      expect(sql(`SELECT state FROM numbers WHERE phone_number = '${phone}'`).trim()).toBe(chain[chain.length - 1].split('>')[1]);
    }
    recordFigure('races', 'analyst reinstate racing 12 reports, 3 rounds', 'audit chains consistent, final state = last transition');
  });

  it('files 20 identical reports once, with one Idempotency-Key and without', async () => {
    const phone = newPhoneNumber();
    const body = { phoneNumber: phone, reporterId: newReporterId(), category: 'harassment' };
    const keyed = await platform.fire(Array.from({ length: 20 }, () => ({ method: 'POST' as const, path: '/v1/reports', body, headers: { 'idempotency-key': `same-${phone}` } })));
    const distinct = new Set(keyed.map((r) => JSON.stringify([r.status, r.body])));
    if (distinct.size !== 1) console.log([...distinct]);
    expect(distinct.size).toBe(1);
    expect(keyed[0].status).toBe(201);
    expect(count(`SELECT count(*) FROM reports WHERE phone_number = '${phone}'`)).toBe(1);

    const phone2 = newPhoneNumber();
    const body2 = { phoneNumber: phone2, reporterId: newReporterId(), category: 'harassment' };
    const bare = await platform.fire(Array.from({ length: 20 }, () => ({ method: 'POST' as const, path: '/v1/reports', body: body2 })));
    expect(tally(bare)).toEqual({ '201': 1, '200': 19 });
    expect(new Set(bare.map((r) => r.body.id)).size).toBe(1);
    expect(bare.filter((r) => r.status === 200).every((r) => r.body.duplicate === true && r.body.counted === false)).toBe(true);
    expect(count(`SELECT count(*) FROM reports WHERE phone_number = '${phone2}'`)).toBe(1);
    recordFigure('races', '20 identical reports, with and without one Idempotency-Key', 'one report each time');
  });
});
