import { DEFAULT_SCORE_POLICY as P, harassmentScore, reportWeight, trustOf } from '@phonetrust/scoring';
import { HttpClient } from '../support/http-client';
import { newPhoneNumber, newReporterId, reportBody, TRUSTED_CONTEXT, trustedAttestedScam } from '../support/report-factory';
import { ScoringProbe } from '../support/scoring-probe';
import { startTestApp, TestApp } from '../support/test-app';

describe('verdicts and analyst decisions', () => {
  let t: TestApp;
  let platform: HttpClient;
  let analyst: HttpClient;
  let probe: ScoringProbe;

  beforeAll(async () => {
    t = await startTestApp({ SCORE_SCHEDULER_ENABLED: 'false' });
    platform = await t.clientFor('platform');
    analyst = await t.clientFor('analyst', 'analyst-alice');
    probe = new ScoringProbe(t.dataSource);
  });
  afterAll(() => t.dispose());

  const number = async (phone: string) => (await analyst.get(`/v1/numbers/${phone}`)).body;

  describe('POST /v1/reports/{id}/verdict', () => {
    it('takes a rejected report out of the score, lowers the state, and lowers the reporter\'s trust', async () => {
      const phone = newPhoneNumber();
      const liar = newReporterId('liar');
      const heavy = await platform.post('/v1/reports', trustedAttestedScam(phone, liar)); // w = 2.0
      await platform.post('/v1/reports', reportBody(phone, { category: 'spam' })); // no context: trust 0.7, w = 0.7
      expect(await number(phone)).toMatchObject({ state: 'watch', score: harassmentScore(2.7, P), distinctReporters: 2 });

      const verdict = await analyst.post(`/v1/reports/${heavy.body.id}/verdict`, { verdict: 'rejected', note: 'no call in the logs' });
      expect(verdict.status).toBe(200);
      expect(verdict.body.verdict).toMatchObject({ verdict: 'rejected', note: 'no call in the logs', by: 'analyst-alice' });
      const after = await number(phone);
      expect(after).toMatchObject({ state: 'ok', score: harassmentScore(0.7, P), distinctReporters: 1, reportCount: 2 });
      expect(after.evidence).toBeCloseTo(0.7, 3);
      expect((await probe.transitions(phone)).at(-1)).toMatchObject({ actor: 'analyst-alice', from: 'watch', to: 'ok', cause: 'score_fell' });
      expect(await probe.auditActions(phone)).toEqual(expect.arrayContaining(['report.verdict']));

      // the liar's next report (elsewhere) weighs less: trust = 1.0 × 2·2/(0+1+4) = 0.8
      const next = await platform.post('/v1/reports', trustedAttestedScam(newPhoneNumber(), liar));
      const stored = await analyst.get(`/v1/reports/${next.body.id}`);
      expect(stored.body.trust).toBeCloseTo(trustOf(1.0, 0, 1, P), 4);
      expect(stored.body.weight).toBeCloseTo(reportWeight({ trust: 0.8, category: 'scam', attested: true }, P), 4);
    });

    it('raises the trust of a reporter whose report is upheld, and gives one verdict per report (409)', async () => {
      const reporterId = newReporterId('honest');
      const first = await platform.post('/v1/reports', reportBody(newPhoneNumber(), { reporterId, reporterContext: TRUSTED_CONTEXT }));
      const upheld = await analyst.post(`/v1/reports/${first.body.id}/verdict`, { verdict: 'upheld', note: 'confirmed' });
      expect(upheld.status).toBe(200);
      const again = await analyst.post(`/v1/reports/${first.body.id}/verdict`, { verdict: 'rejected', note: 'changed my mind' });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ statusCode: 409, code: 'verdict_already_given', verdict: 'upheld' });
      const later = await platform.post('/v1/reports', reportBody(newPhoneNumber(), { reporterId, reporterContext: TRUSTED_CONTEXT }));
      expect((await analyst.get(`/v1/reports/${later.body.id}`)).body.trust).toBeCloseTo(trustOf(1.0, 1, 0, P), 4); // 1.2
    });

    it('answers 404 for an unknown report and 403 to the platform role', async () => {
      expect((await analyst.post('/v1/reports/00000000-0000-4000-8000-000000000000/verdict', { verdict: 'upheld', note: 'x' })).status).toBe(404);
      const report = await platform.post('/v1/reports', reportBody(newPhoneNumber()));
      expect((await platform.post(`/v1/reports/${report.body.id}/verdict`, { verdict: 'upheld', note: 'x' })).status).toBe(403);
    });

    it('withdraws nothing when the rejected report was already replaced by the reporter\'s stronger one', async () => {
      const phone = newPhoneNumber();
      const reporterId = newReporterId();
      const weak = await platform.post('/v1/reports', reportBody(phone, { reporterId, category: 'other' }));
      await t.dataSource.query(`UPDATE contributions SET last_counted_at = last_counted_at - interval '2 days' WHERE phone_number = $1`, [phone]);
      const strong = await platform.post('/v1/reports', trustedAttestedScam(phone, reporterId));
      expect(strong.status).toBe(201);
      const before = await number(phone);
      expect(before.evidence).toBeCloseTo(2, 3); // topped up to w = 2, not 2 + 0.35
      await analyst.post(`/v1/reports/${weak.body.id}/verdict`, { verdict: 'rejected', note: 'vague' });
      expect((await number(phone)).evidence).toBeCloseTo(2, 3);
      await analyst.post(`/v1/reports/${strong.body.id}/verdict`, { verdict: 'rejected', note: 'fabricated' });
      expect(await number(phone)).toMatchObject({ evidence: 0, distinctReporters: 0, state: 'ok' });
    });
  });

  describe('POST /v1/numbers/{phoneNumber}/suspend|restrict|reinstate', () => {
    it('suspends a number never reported, audited with the analyst as actor, with an event and a case', async () => {
      const phone = newPhoneNumber();
      const res = await analyst.post(`/v1/numbers/${encodeURIComponent(phone)}/suspend`, { reason: 'court order 42' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ phoneNumber: phone, state: 'suspended', score: 0, openCaseId: expect.any(String) });
      expect(await probe.transitions(phone)).toEqual([{ actor: 'analyst-alice', from: 'ok', to: 'suspended', reason: 'court order 42', cause: 'analyst_decision' }]);
      const audit = await analyst.get(`/v1/audit?phoneNumber=${encodeURIComponent(phone)}`);
      expect(audit.body.items[0]).toMatchObject({ actor: 'analyst-alice', action: 'number.state_changed', reason: 'court order 42', before: { state: 'ok' } });
      expect(await probe.events(phone)).toHaveLength(1);
      expect(await probe.cases(phone)).toEqual([{ id: res.body.openCaseId, status: 'open', priority: 3, reason: 'analyst_decision' }]);
      // suspended stays suspended whatever reports say
      for (let i = 0; i < 3; i++) await platform.post('/v1/reports', trustedAttestedScam(phone));
      expect((await number(phone)).state).toBe('suspended');
    });

    it('holds an analyst restriction, and reinstates to ok without the same evidence putting it back', async () => {
      const phone = newPhoneNumber();
      const reporters = Array.from({ length: 4 }, () => newReporterId('crowd'));
      for (const r of reporters) await platform.post('/v1/reports', trustedAttestedScam(phone, r));
      expect((await number(phone)).state).toBe('restricted');

      const restrict = await analyst.post(`/v1/numbers/${phone}/restrict`, { reason: 'confirmed scam line' });
      expect(restrict.body.state).toBe('restricted');
      expect((await probe.auditActions(phone)).at(-1)).toBe('number.decision_recorded'); // no state change, still a decision
      const eventsBefore = (await probe.events(phone)).length;

      const reinstate = await analyst.post(`/v1/numbers/${phone}/reinstate`, { reason: 'number reassigned to a new owner' });
      expect(reinstate.status).toBe(200);
      expect(reinstate.body).toMatchObject({ state: 'ok', score: 0, evidence: 0, distinctReporters: 0 });
      expect((await probe.transitions(phone)).at(-1)).toMatchObject({ actor: 'analyst-alice', from: 'restricted', to: 'ok', reason: 'number reassigned to a new owner' });
      expect(await probe.events(phone)).toHaveLength(eventsBefore + 1);

      // the same reporters again (after their dedupe window): their old contributions are spent; they count afresh
      await t.dataSource.query(`UPDATE contributions SET last_counted_at = last_counted_at - interval '2 days' WHERE phone_number = $1`, [phone]);
      await platform.post('/v1/reports', trustedAttestedScam(phone, reporters[0]));
      expect(await number(phone)).toMatchObject({ state: 'watch', distinctReporters: 1, score: harassmentScore(2, P) });
      await platform.post('/v1/reports', trustedAttestedScam(phone, reporters[1]));
      expect(await number(phone)).toMatchObject({ state: 'review', distinctReporters: 2 });
    });

    it('requires a reason, and an E.164 number in the path', async () => {
      const phone = newPhoneNumber();
      for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 42 }, { reason: 'x'.repeat(1001) }, { reason: 'ok', extra: 1 }]) {
        const res = await analyst.post(`/v1/numbers/${phone}/restrict`, body);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('validation_failed');
      }
      const national = await analyst.post('/v1/numbers/13800138000/suspend', { reason: 'x' });
      expect(national.status).toBe(400);
      expect(national.body.code).toBe('invalid_phone_number');
      expect((await platform.post(`/v1/numbers/${phone}/suspend`, { reason: 'x' })).status).toBe(403);
      expect(await probe.storedState(phone)).toBeUndefined();
    });
  });
});
