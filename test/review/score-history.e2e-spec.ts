import { DEFAULT_SCORE_POLICY as P, harassmentScore } from '@phonetrust/scoring';
import { HttpClient } from '../support/http-client';
import { newPhoneNumber } from '../support/report-factory';
import { startTestApp, TestApp } from '../support/test-app';
import { reportStrongly } from './review-fixture';

describe('GET /v1/numbers/{phoneNumber}/score/history', () => {
  let t: TestApp;
  let platform: HttpClient;
  let analyst: HttpClient;

  beforeAll(async () => {
    t = await startTestApp({ SCORE_SCHEDULER_ENABLED: 'false' });
    platform = await t.clientFor('platform');
    analyst = await t.clientFor('analyst');
  });
  afterAll(() => t.dispose());

  const history = async (phone: string) => {
    const res = await analyst.get(`/v1/numbers/${encodeURIComponent(phone)}/score/history`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const scoreNow = async (phone: string) => (await analyst.get(`/v1/numbers/${encodeURIComponent(phone)}`)).body.score;
  const eventScores = (body: { points: { event: string | null; score: number }[] }) => body.points.filter((p) => p.event).map((p) => [p.event, p.score]);

  it('replays reports, a rejection and a reinstatement, and ends at the live score', async () => {
    const phone = newPhoneNumber();
    const [first] = await reportStrongly(platform, phone, 3);
    let body = await history(phone);
    expect(body).toMatchObject({ phoneNumber: phone, halfLifeSeconds: P.halfLifeSeconds, asOf: expect.any(String) });
    expect(eventScores(body)).toEqual([
      ['report', harassmentScore(2, P)],
      ['report', harassmentScore(4, P)],
      ['report', harassmentScore(6, P)],
    ]);
    expect(body.points.at(-1).score).toBe(await scoreNow(phone));
    expect(body.states.map((s: { from: string; to: string }) => `${s.from}>${s.to}`)).toEqual(['ok>watch', 'watch>review']);
    const times = body.points.map((p: { at: string }) => Date.parse(p.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(body.points.length).toBeGreaterThanOrEqual(121);

    await analyst.post(`/v1/reports/${first}/verdict`, { verdict: 'rejected', note: 'fabricated' });
    body = await history(phone);
    expect(eventScores(body).at(-1)).toEqual(['withdraw', harassmentScore(4, P)]);
    expect(body.points.at(-1).score).toBe(await scoreNow(phone));

    await analyst.post(`/v1/numbers/${encodeURIComponent(phone)}/reinstate`, { reason: 'cleared' });
    await reportStrongly(platform, phone, 1);
    body = await history(phone);
    expect(eventScores(body).slice(-2)).toEqual([
      ['reinstate', 0],
      ['report', harassmentScore(2, P)],
    ]);
    expect(body.points.at(-1)).toMatchObject({ score: await scoreNow(phone), distinctReporters: 1 });
    expect(body.states.at(-2)).toMatchObject({ from: 'review', to: 'ok', cause: 'analyst_decision' });
  });

  it('is flat zero for a number never reported', async () => {
    const body = await history(newPhoneNumber());
    expect(body.states).toEqual([]);
    expect(body.points).toHaveLength(121);
    expect(body.points.every((p: { score: number; event: unknown }) => p.score === 0 && p.event === null)).toBe(true);
  });
});
