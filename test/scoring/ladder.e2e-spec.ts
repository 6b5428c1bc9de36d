import { usingPostgres } from '../support/test-database';
import { ChangeBus } from '@phonetrust/platform';
import { DEFAULT_SCORE_POLICY as P, harassmentScore, NUMBER_CHANGED_TOPIC, NumberState, reportWeight, trustOf } from '@phonetrust/scoring';
import { HttpClient } from '../support/http-client';
import { newPhoneNumber, newReporterId, trustedAttestedScam } from '../support/report-factory';
import { ScoringProbe } from '../support/scoring-probe';
import { startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/** The state SPEC §6's table gives for a score and a number of live reporters, climbing only. */
function tableState(score: number, reporters: number): NumberState {
  const t = P.thresholds;
  if (score >= t.suspended.enter && reporters >= t.suspended.reporters) return 'suspended';
  if (score >= t.restricted.enter && reporters >= t.restricted.reporters) return 'restricted';
  if (score >= t.review.enter && reporters >= t.review.reporters) return 'review';
  if (score >= t.watch.enter) return 'watch';
  return 'ok';
}

describe('the state ladder (SPEC §6)', () => {
  let t: TestApp;
  let platform: HttpClient;
  let analyst: HttpClient;
  let probe: ScoringProbe;

  beforeAll(async () => {
    t = await startTestApp({ SCORE_SCHEDULER_ENABLED: 'false' });
    platform = await t.clientFor('platform');
    analyst = await t.clientFor('analyst', 'analyst-ladder');
    probe = new ScoringProbe(t.dataSource);
  });
  afterAll(() => t.dispose());

  // A verified buyer of a year with no verdicts: assurance 1.0, trust 1.0; an attested scam weighs min(2, 1 × 2 × 1.5).
  const w = reportWeight({ trust: trustOf(1.0, 0, 0, P), category: 'scam', attested: true }, P);
  const expected = Array.from({ length: 7 }, (_, i) => {
    const n = i + 1;
    const score = harassmentScore(n * w, P);
    return { n, score, state: tableState(score, n) };
  });

  it('takes watch → review → restricted → suspended at the counts the formulas give', async () => {
    expect(w).toBe(2);
    // n: 1 → HS 37 watch; 2 → 60 review; 4 → 84 restricted (D 4); 6 → 94 suspended (D 6)
    const firstAt = (state: NumberState) => expected.find((e) => e.state === state)!.n;
    expect([firstAt('watch'), firstAt('review'), firstAt('restricted'), firstAt('suspended')]).toEqual([1, 2, 4, 6]);

    const phone = newPhoneNumber();
    const notices: string[] = [];
    t.app.get(ChangeBus).subscribe(NUMBER_CHANGED_TOPIC, (event) => event.key === phone && notices.push(event.key));
    for (const step of expected) {
      const res = await platform.post('/v1/reports', trustedAttestedScam(phone));
      expect(res.status).toBe(201);
      expect(JSON.stringify(res.body)).not.toMatch(/state|score/);
      const number = await analyst.get(`/v1/numbers/${phone}`);
      expect(number.body).toMatchObject({ state: step.state, score: step.score, distinctReporters: step.n, reportCount: step.n });
    }

    expect(await probe.transitions(phone)).toEqual([
      { actor: 'system', from: 'ok', to: 'watch', reason: 'score_threshold', cause: 'score_threshold' },
      { actor: 'system', from: 'watch', to: 'review', reason: 'score_threshold', cause: 'score_threshold' },
      { actor: 'system', from: 'review', to: 'restricted', reason: 'score_threshold', cause: 'score_threshold' },
      { actor: 'system', from: 'restricted', to: 'suspended', reason: 'score_threshold', cause: 'score_threshold' },
    ]);
    const events = await probe.events(phone);
    expect(events.map((e) => [e.payload.data.from, e.payload.data.to])).toEqual([
      ['ok', 'watch'],
      ['watch', 'review'],
      ['review', 'restricted'],
      ['restricted', 'suspended'],
    ]);
    for (const event of events) {
      expect(event.payload).toEqual({ id: expect.any(String), type: 'number.state_changed', occurredAt: expect.any(String), data: expect.objectContaining({ phoneNumber: phone }) });
    }
    const cases = await probe.cases(phone);
    expect(cases).toEqual([{ id: expect.any(String), status: 'open', priority: 3, reason: 'score_threshold' }]);
    expect(await probe.events(phone, 'case.opened')).toHaveLength(1);
    expect((await analyst.get(`/v1/numbers/${phone}`)).body.openCaseId).toBe(cases[0].id);
    // every process's caches heard of each change (LISTEN/NOTIFY on PostgreSQL, in-process on embedded)
    // On PostgreSQL the writing process hears each change twice: its own eviction when publishing, and the
    // NOTIFY coming back at commit (which also evicts what a concurrent read cached in between).
    const perChange = usingPostgres ? 2 : 1;
    await waitFor(() => notices.length >= 4 * perChange, 5000, 'change-bus notices');
    expect(notices).toHaveLength(4 * perChange);
  });

  it('sends a number to review on one attested threat', async () => {
    const phone = newPhoneNumber();
    await platform.post('/v1/reports', { ...trustedAttestedScam(phone), category: 'threat' });
    expect((await analyst.get(`/v1/numbers/${phone}`)).body).toMatchObject({ state: 'review', distinctReporters: 1 });
    expect((await probe.transitions(phone)).map((x) => x.cause)).toEqual(['attested_threat']);
  });

  it('moves exactly once through each state when 50 distinct reporters report at the same time', async () => {
    const phone = newPhoneNumber();
    const results = await Promise.all(Array.from({ length: 50 }, () => platform.post('/v1/reports', trustedAttestedScam(phone))));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(results.filter((r) => r.body.counted)).toHaveLength(50);

    const number = await analyst.get(`/v1/numbers/${phone}`);
    expect(number.body).toMatchObject({ state: 'suspended', reportCount: 50, distinctReporters: 50, score: harassmentScore(100, P) });
    expect(number.body.evidence).toBeCloseTo(100, 2);

    const transitions = await probe.transitions(phone);
    expect(transitions.map((x) => `${x.from}>${x.to}`)).toEqual(['ok>watch', 'watch>review', 'review>restricted', 'restricted>suspended']);
    expect(transitions.filter((x) => x.to === 'suspended')).toHaveLength(1);
    expect(await probe.events(phone)).toHaveLength(transitions.length);
    expect(await probe.events(phone, 'case.opened')).toHaveLength(1);
    expect(await probe.cases(phone)).toHaveLength(1);
    expect(await probe.storedState(phone)).toBe('suspended');
  });

  it('counts one of 30 concurrent duplicates by one reporter', async () => {
    const phone = newPhoneNumber();
    const body = trustedAttestedScam(phone, newReporterId('eager'));
    // 30 at once from one reporter: the per-reporter limit lets 5 through, the rest are 429; of those 5, one counts
    const results = await Promise.all(Array.from({ length: 30 }, () => platform.post('/v1/reports', body)));
    const answered = results.filter((r) => r.status !== 429);
    expect(answered).toHaveLength(5);
    expect(answered.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(answered.map((r) => r.body.id)).size).toBe(1);
    expect((await analyst.get(`/v1/numbers/${phone}`)).body).toMatchObject({ reportCount: 1, distinctReporters: 1 });
  });
});
