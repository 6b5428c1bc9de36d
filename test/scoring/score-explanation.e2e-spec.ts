import { DEFAULT_SCORE_POLICY as P, evidenceBelowScore, harassmentScore } from '@phonetrust/scoring';
import { HttpClient } from '../support/http-client';
import { FRESH_CONTEXT, newPhoneNumber, reportBody, trustedAttestedScam } from '../support/report-factory';
import { countStatements } from '../support/statement-counter';
import { startTestApp, TestApp } from '../support/test-app';

describe('the score explained, and what a report costs', () => {
  let t: TestApp;
  let platform: HttpClient;
  let analyst: HttpClient;

  beforeAll(async () => {
    // No background work: the statement counts below would otherwise catch the scheduler's or the outbox
    // dispatcher's statements when they happen to run during a report.
    t = await startTestApp({ SCORE_SCHEDULER_ENABLED: 'false', OUTBOX_DISPATCHER_ENABLED: 'false' });
    platform = await t.clientFor('platform');
    analyst = await t.clientFor('analyst');
  });
  afterAll(() => t.dispose());

  it('answers a number never reported with 200, ok and zeros', async () => {
    const phone = newPhoneNumber();
    const res = await analyst.get(`/v1/numbers/%2B${phone.slice(1)}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      phoneNumber: phone,
      country: 'CN',
      numberType: 'mobile',
      state: 'ok',
      score: 0,
      evidence: 0,
      distinctReporters: 0,
      reportCount: 0,
      binding: null,
      openCaseId: null,
      updatedAt: null,
    });
    const explained = await analyst.get(`/v1/numbers/${phone}/score`);
    expect(explained.body).toMatchObject({ score: 0, byCategory: [], topReports: [], nextStateChange: null });
  });

  it('explains contributions by category, the top reports, the thresholds, and when the score falls below each', async () => {
    const phone = newPhoneNumber();
    await platform.post('/v1/reports', trustedAttestedScam(phone)); // 2.0
    await platform.post('/v1/reports', trustedAttestedScam(phone)); // 2.0
    await platform.post('/v1/reports', reportBody(phone, { category: 'harassment' })); // 0.7 × 1.5 = 1.05
    for (let i = 0; i < 12; i++) await platform.post('/v1/reports', reportBody(phone, { category: 'threat', reporterContext: FRESH_CONTEXT })); // 0.3 × 2.5 = 0.75 each, capped at 3 together
    const res = await analyst.get(`/v1/numbers/${phone}/score`);
    expect(res.status).toBe(200);
    const e = res.body;
    const evidence = 2 + 2 + 1.05 + 3;
    expect(e.evidence).toBeCloseTo(evidence, 3);
    expect(e.score).toBe(harassmentScore(evidence, P));
    expect(e.evidenceParts).toMatchObject({ lowAssuranceCap: 3 });
    expect(e.evidenceParts.normal).toBeCloseTo(5.05, 3);
    expect(e.evidenceParts.lowAssurance).toBeCloseTo(9, 3);
    expect(e.byCategory).toEqual([
      { category: 'threat', reporters: 12, evidence: expect.closeTo(9, 3) },
      { category: 'scam', reporters: 2, evidence: expect.closeTo(4, 3) },
      { category: 'harassment', reporters: 1, evidence: expect.closeTo(1.05, 3) },
    ]);
    expect(e.topReports).toHaveLength(10);
    expect(e.topReports.slice(0, 3).map((r: any) => [r.category, r.weight])).toEqual([
      ['scam', 2],
      ['scam', 2],
      ['harassment', 1.05],
    ]);
    expect(e.thresholds.map((x: any) => [x.state, x.enterAtScore, x.minDistinctReporters, x.leavesBelowScore])).toEqual([
      ['watch', 25, null, 20],
      ['review', 50, 2, null],
      ['restricted', 70, 4, 40],
      ['suspended', 85, 6, null],
    ]);
    // closed form: E·2^(−t/h) < E_s ⟺ t > h·log2(E/E_s), with the cap binding while 9 decays above 3
    const at = (score: number) => e.fallsBelow.find((f: any) => f.score === score).at;
    expect(e.score).toBe(84);
    expect(at(85)).toBeNull(); // below it already
    const asOf = Date.parse(e.asOf);
    for (const s of [50, 40, 25, 20]) {
      const target = evidenceBelowScore(s, P);
      // k·5.05 + min(k·9, 3) = target
      let k = target / (5.05 + 9);
      if (k * 9 > 3) k = (target - 3) / 5.05;
      const seconds = -P.halfLifeSeconds * Math.log2(k);
      expect(Math.abs(Date.parse(at(s)) - asOf - seconds * 1000)).toBeLessThan(5000);
    }
    expect(Date.parse(at(20))).toBeGreaterThan(Date.parse(at(25)));
  });

  it('costs the same number of SQL statements on a number with a long history as on a new one', async () => {
    // 'other' from an established account weighs 0.35: one such report moves no state, whatever came before
    const quiet = (phone: string) => reportBody(phone, { category: 'other' });
    const fresh = newPhoneNumber();
    const busy = newPhoneNumber();
    for (let i = 0; i < 40; i++) await platform.post('/v1/reports', quiet(busy));
    const busyBefore = (await analyst.get(`/v1/numbers/${busy}`)).body;
    expect(busyBefore.reportCount).toBe(40);

    const onFresh = await countStatements(async () => expect((await platform.post('/v1/reports', quiet(fresh))).status).toBe(201));
    const busyState = busyBefore.state;
    const onBusy = await countStatements(async () => expect((await platform.post('/v1/reports', quiet(busy))).status).toBe(201));
    expect((await analyst.get(`/v1/numbers/${busy}`)).body.state).toBe(busyState);
    expect(onBusy.statements).toEqual(onFresh.statements);
    // BEGIN, the chained lock (reporter, contribution, number, and the rate limits' counters), the combined write
    // (report, contribution, number), COMMIT: the limits cost no statement of their own.
    expect(onFresh.count).toBe(4);
    if (process.env.SHOW_STATEMENTS) console.log(onFresh.statements.join("\n"));
  });
});
