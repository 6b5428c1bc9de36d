import { DEFAULT_SCORE_POLICY as P, harassmentScore, trustOf } from '@phonetrust/scoring';
import { HttpClient } from '../support/http-client';
import { newPhoneNumber, newReporterId, reportBody, TRUSTED_CONTEXT, trustedAttestedScam } from '../support/report-factory';
import { ReviewProbe } from '../support/review-probe';
import { startTestApp, TestApp } from '../support/test-app';
import { openCaseOf, reportStrongly } from './review-fixture';

describe('a case from the first reports to a decision (SPEC §6)', () => {
  let t: TestApp;
  let platform: HttpClient;
  let analyst: HttpClient;
  let probe: ReviewProbe;

  beforeAll(async () => {
    t = await startTestApp({ SCORE_SCHEDULER_ENABLED: 'false' });
    platform = await t.clientFor('platform');
    analyst = await t.clientFor('analyst', 'analyst-rita');
    probe = new ReviewProbe(t.dataSource);
  });
  afterAll(() => t.dispose());

  const numberOf = async (phone: string) => (await analyst.get(`/v1/numbers/${encodeURIComponent(phone)}`)).body;

  it('opens at review, rises with the state, is assigned, and ends with a reinstatement', async () => {
    const phone = newPhoneNumber();
    await reportStrongly(platform, phone, 1, 'first call at 3 am');
    expect(await probe.cases(phone)).toEqual([]); // watch opens no case
    await reportStrongly(platform, phone, 1);
    const [opened] = await probe.cases(phone);
    expect(opened).toMatchObject({ status: 'open', priority: 1, reason: 'score_threshold', decision: null });
    expect(await probe.events(phone, 'case.opened')).toEqual([
      expect.objectContaining({ type: 'case.opened', data: { caseId: opened.id, phoneNumber: phone, priority: 1, reason: 'score_threshold' } }),
    ]);

    await reportStrongly(platform, phone, 2);
    const detail = await analyst.get(`/v1/cases/${opened.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      id: opened.id,
      phoneNumber: phone,
      maskedNumber: expect.stringContaining('****'),
      status: 'open',
      priority: 2,
      reason: 'score_threshold',
      state: 'restricted',
      assignee: null,
      appealed: false,
      resolution: null,
      appeal: null,
      number: { phoneNumber: phone, state: 'restricted', score: harassmentScore(8, P), distinctReporters: 4, reportCount: 4, binding: null, openCaseId: opened.id },
      score: { phoneNumber: phone, state: 'restricted', distinctReporters: 4 },
    });
    expect(detail.body.recentReports).toHaveLength(4);
    expect(detail.body.recentReports.map((r: { description: string | null }) => r.description)).toContain('first call at 3 am');
    expect(detail.body.score.topReports).toHaveLength(4);
    // The history: the number's transitions since the case opened (the one that opened it first), oldest first.
    expect(detail.body.history.map((e: { action: string; after: { state: string } }) => [e.action, e.after.state])).toEqual([
      ['number.state_changed', 'review'],
      ['number.state_changed', 'restricted'],
    ]);

    const assigned = await analyst.post(`/v1/cases/${opened.id}/assign`, { assignee: 'rita' });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ id: opened.id, assignee: 'rita', assignedAt: expect.any(String), status: 'open' });

    const resolved = await analyst.post(`/v1/cases/${opened.id}/resolve`, { decision: 'reinstate', note: 'the number was recycled; new owner verified' });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      id: opened.id,
      status: 'resolved',
      decision: 'reinstate',
      state: 'ok',
      resolution: { decision: 'reinstate', note: 'the number was recycled; new owner verified', by: 'analyst-rita', at: expect.any(String) },
    });
    expect(await numberOf(phone)).toMatchObject({ state: 'ok', score: 0, evidence: 0, openCaseId: null });

    // Once each: the transition (through scoring's code: audit + event), the resolution (audit + event).
    const changes = await probe.events(phone, 'number.state_changed');
    expect(changes.at(-1)!.data).toMatchObject({ from: 'restricted', to: 'ok', reason: 'analyst_decision', caseId: null });
    expect(await probe.events(phone, 'case.resolved')).toEqual([
      expect.objectContaining({
        data: { caseId: opened.id, phoneNumber: phone, decision: 'reinstate', state: 'ok', appeal: null, resolvedAt: resolved.body.resolvedAt },
      }),
    ]);
    const audit = await probe.audit(phone);
    expect(audit.filter((e) => e.action === 'number.state_changed').at(-1)).toMatchObject({
      actor: 'analyst-rita',
      before: { state: 'restricted' },
      after: { state: 'ok', cause: 'analyst_decision' },
      reason: 'the number was recycled; new owner verified',
    });
    expect(audit.filter((e) => e.subjectId === opened.id).map((e) => e.action)).toEqual(['case.assigned', 'case.resolved']);
    expect(audit.find((e) => e.action === 'case.resolved')).toMatchObject({
      actor: 'analyst-rita',
      before: { status: 'open', priority: 2, assignee: 'rita' },
      after: { status: 'resolved', decision: 'reinstate', state: 'ok' },
    });

    // Resolved is final.
    const again = await analyst.post(`/v1/cases/${opened.id}/resolve`, { decision: 'dismiss', note: 'twice' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ statusCode: 409, code: 'case_already_resolved', decision: 'reinstate' });
    expect((await analyst.post(`/v1/cases/${opened.id}/assign`, { assignee: 'sam' })).body.code).toBe('case_already_resolved');
    expect(await probe.events(phone, 'case.resolved')).toHaveLength(1);

    // Reports after the resolution count afresh; when the state machine escalates again, a new case opens.
    await reportStrongly(platform, phone, 1);
    expect((await probe.cases(phone)).filter((c) => c.status === 'open')).toEqual([]);
    await reportStrongly(platform, phone, 1);
    const cases = await probe.cases(phone);
    expect(cases).toHaveLength(2);
    expect(cases[1]).toMatchObject({ status: 'open', priority: 1, reason: 'score_threshold' });
    expect(await probe.events(phone, 'case.opened')).toHaveLength(2);

    // The first case's history stops at its resolution.
    const closed = await analyst.get(`/v1/cases/${opened.id}`);
    // (The resolution's transition and its case.resolved entry share a transaction, and may share a millisecond on
    // the embedded database: either may come last.)
    expect(closed.body.history.slice(-2).map((e: { action: string }) => e.action).sort()).toEqual(['case.resolved', 'number.state_changed']);
    expect(closed.body.history.filter((e: { after: { state?: string } }) => e.after?.state === 'review')).toHaveLength(1);
  });

  it('dismiss closes the case and leaves the number as it is; escalation opens a new case', async () => {
    const phone = newPhoneNumber();
    await reportStrongly(platform, phone, 2);
    const caseId = await openCaseOf(analyst, phone);
    const transitionsBefore = (await probe.events(phone, 'number.state_changed')).length;

    const res = await analyst.post(`/v1/cases/${caseId}/resolve`, { decision: 'dismiss', note: 'two angry customers, no pattern' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'resolved', decision: 'dismiss', state: 'review' });
    expect(await numberOf(phone)).toMatchObject({ state: 'review', openCaseId: null, distinctReporters: 2 });
    expect(await probe.events(phone, 'number.state_changed')).toHaveLength(transitionsBefore);
    expect(await probe.events(phone, 'case.resolved')).toEqual([expect.objectContaining({ data: expect.objectContaining({ decision: 'dismiss', state: 'review' }) })]);

    await reportStrongly(platform, phone, 1); // still review: no new case
    expect((await probe.cases(phone)).map((c) => c.status)).toEqual(['resolved']);
    await reportStrongly(platform, phone, 1); // restricted: a new case
    expect((await probe.cases(phone)).map((c) => [c.status, c.priority])).toEqual([
      ['resolved', 1],
      ['open', 2],
    ]);
  });

  it('suspend goes through the state machine: the transition names the case, whose priority rises before it closes', async () => {
    const phone = newPhoneNumber();
    await reportStrongly(platform, phone, 2);
    const caseId = await openCaseOf(analyst, phone);
    const res = await analyst.post(`/v1/cases/${caseId}/resolve`, { decision: 'suspend', note: 'confirmed scam operation' });
    expect(res.body).toMatchObject({ status: 'resolved', decision: 'suspend', state: 'suspended', priority: 3 });
    expect((await probe.events(phone, 'number.state_changed')).at(-1)!.data).toMatchObject({ from: 'review', to: 'suspended', caseId });
    expect((await platform.get(`/v1/numbers/${encodeURIComponent(phone)}/display`)).body).toMatchObject({ displayable: false, reason: 'suspended' });
    // Suspended holds: more reports open nothing new.
    await reportStrongly(platform, phone, 2);
    expect(await probe.cases(phone)).toHaveLength(1);
  });

  it('the number routes: suspend leaves the case open, reinstate resolves it', async () => {
    const phone = newPhoneNumber();
    await reportStrongly(platform, phone, 2);
    const caseId = await openCaseOf(analyst, phone);

    const suspended = await analyst.post(`/v1/numbers/${encodeURIComponent(phone)}/suspend`, { reason: 'stop-gap while we look' });
    expect(suspended.body).toMatchObject({ state: 'suspended', openCaseId: caseId });
    expect(await probe.cases(phone)).toEqual([expect.objectContaining({ id: caseId, status: 'open', priority: 3 })]);

    const reinstated = await analyst.post(`/v1/numbers/${encodeURIComponent(phone)}/reinstate`, { reason: 'false alarm' });
    expect(reinstated.status).toBe(200);
    expect(reinstated.body).toMatchObject({ state: 'ok', openCaseId: null });
    expect(await probe.cases(phone)).toEqual([expect.objectContaining({ id: caseId, status: 'resolved', decision: 'reinstate' })]);
    const c = (await analyst.get(`/v1/cases/${caseId}`)).body;
    expect(c.resolution).toMatchObject({ decision: 'reinstate', note: 'false alarm', by: 'analyst-rita' });
    expect(await probe.events(phone, 'case.resolved')).toHaveLength(1);
    expect((await analyst.post(`/v1/cases/${caseId}/resolve`, { decision: 'dismiss', note: 'late' })).status).toBe(409);

    // Reinstating a number without a case resolves nothing.
    const other = newPhoneNumber();
    expect((await analyst.post(`/v1/numbers/${encodeURIComponent(other)}/reinstate`, { reason: 'nothing to do' })).status).toBe(200);
    expect(await probe.events(other, 'case.resolved')).toEqual([]);
  });

  describe('with report verdicts', () => {
    it('gives them in the same transaction: reporters\' trust moves, a rejected report leaves the score', async () => {
      const phone = newPhoneNumber();
      const liar = newReporterId('liar');
      const honest = newReporterId('honest');
      const lie = await platform.post('/v1/reports', trustedAttestedScam(phone, liar));
      const truth = await platform.post('/v1/reports', trustedAttestedScam(phone, honest));
      const caseId = await openCaseOf(analyst, phone);

      const res = await analyst.post(`/v1/cases/${caseId}/resolve`, {
        decision: 'dismiss',
        note: 'one report fabricated',
        reportVerdicts: { [lie.body.id]: 'rejected', [truth.body.id.toUpperCase()]: 'upheld' },
      });
      expect(res.status).toBe(200);
      expect((await analyst.get(`/v1/reports/${lie.body.id}`)).body.verdict).toMatchObject({ verdict: 'rejected', note: 'one report fabricated', by: 'analyst-rita' });
      expect((await analyst.get(`/v1/reports/${truth.body.id}`)).body.verdict).toMatchObject({ verdict: 'upheld' });
      expect(await numberOf(phone)).toMatchObject({ distinctReporters: 1, score: harassmentScore(2, P), state: 'review' });

      // Later reports weigh by the new trust.
      const nextLie = await platform.post('/v1/reports', reportBody(newPhoneNumber(), { reporterId: liar, reporterContext: TRUSTED_CONTEXT }));
      const nextTruth = await platform.post('/v1/reports', reportBody(newPhoneNumber(), { reporterId: honest, reporterContext: TRUSTED_CONTEXT }));
      expect((await analyst.get(`/v1/reports/${nextLie.body.id}`)).body.trust).toBeCloseTo(trustOf(1, 0, 1, P), 4);
      expect((await analyst.get(`/v1/reports/${nextTruth.body.id}`)).body.trust).toBeCloseTo(trustOf(1, 1, 0, P), 4);
      expect((await probe.audit(phone, 'report.verdict')).map((e) => e.subjectId).sort()).toEqual([lie.body.id, truth.body.id].sort());
    });

    it('refuses a report of another number (422) or one with a verdict (409), and changes nothing', async () => {
      const phone = newPhoneNumber();
      const [first, second] = await reportStrongly(platform, phone, 2);
      const [elsewhere] = await reportStrongly(platform, newPhoneNumber(), 1);
      const caseId = await openCaseOf(analyst, phone);

      const stranger = await analyst.post(`/v1/cases/${caseId}/resolve`, {
        decision: 'reinstate',
        note: 'x',
        reportVerdicts: { [first]: 'rejected', [elsewhere]: 'rejected' },
      });
      expect(stranger.status).toBe(422);
      expect(stranger.body).toMatchObject({ code: 'report_not_in_case', reportIds: [elsewhere] });
      const unknown = await analyst.post(`/v1/cases/${caseId}/resolve`, { decision: 'reinstate', note: 'x', reportVerdicts: { '00000000-0000-4000-8000-000000000000': 'upheld' } });
      expect(unknown.status).toBe(422);

      await analyst.post(`/v1/reports/${second}/verdict`, { verdict: 'upheld', note: 'seen it' });
      const given = await analyst.post(`/v1/cases/${caseId}/resolve`, { decision: 'reinstate', note: 'x', reportVerdicts: { [first]: 'rejected', [second]: 'rejected' } });
      expect(given.status).toBe(409);
      expect(given.body).toMatchObject({ code: 'verdict_already_given', reportId: second });

      // All or nothing: the first report got no verdict, the number and the case are as they were.
      expect((await analyst.get(`/v1/reports/${first}`)).body.verdict).toBeNull();
      expect(await numberOf(phone)).toMatchObject({ state: 'review', distinctReporters: 2, openCaseId: caseId });
      expect(await probe.events(phone, 'case.resolved')).toEqual([]);
    });
  });
});
