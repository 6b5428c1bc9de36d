import { HttpClient } from '../support/http-client';
import { newPhoneNumber } from '../support/report-factory';
import { ReviewProbe } from '../support/review-probe';
import { startTestApp, TestApp } from '../support/test-app';
import { openCaseOf, reportStrongly } from './review-fixture';

describe('concurrent resolutions of one case', () => {
  let t: TestApp;
  let platform: HttpClient;
  let analysts: HttpClient[];
  let probe: ReviewProbe;

  beforeAll(async () => {
    t = await startTestApp({ SCORE_SCHEDULER_ENABLED: 'false' });
    platform = await t.clientFor('platform');
    analysts = await Promise.all(['a', 'b', 'c'].map((n) => t.clientFor('analyst', `analyst-${n}`)));
    probe = new ReviewProbe(t.dataSource);
  });
  afterAll(() => t.dispose());

  it('lets exactly one win; the others get 409 and change nothing', async () => {
    const phone = newPhoneNumber();
    const reportIds = await reportStrongly(platform, phone, 4);
    const caseId = await openCaseOf(analysts[0], phone);
    const decisions = ['reinstate', 'suspend', 'restrict', 'dismiss'] as const;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        analysts[i % 3].post(`/v1/cases/${caseId}/resolve`, {
          decision: decisions[i % 4],
          note: `attempt ${i}`,
          // Some carry verdicts on the same reports: those must not be given twice either.
          ...(i % 2 === 0 ? { reportVerdicts: { [reportIds[0]]: 'upheld', [reportIds[1]]: 'rejected' } } : {}),
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(11);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'case_already_resolved')).toBe(true);

    const winner = results.find((r) => r.status === 200)!.body;
    const resolvedEvents = await probe.events(phone, 'case.resolved');
    expect(resolvedEvents).toHaveLength(1);
    expect(resolvedEvents[0].data).toMatchObject({ caseId, decision: winner.decision });
    expect(await probe.audit(phone, 'case.resolved')).toHaveLength(1);
    expect(await probe.cases(phone)).toEqual([expect.objectContaining({ id: caseId, status: 'resolved', decision: winner.decision })]);
    // The winner's decision happened once; the losers' verdicts and decisions rolled back.
    const verdicts = await probe.audit(phone, 'report.verdict');
    const attempt = Number(/attempt (\d+)/.exec(winner.resolution.note)![1]);
    expect(verdicts).toHaveLength(attempt % 2 === 0 ? 2 : 0);
    const analystTransitions = (await probe.audit(phone, 'number.state_changed')).filter((e) => e.actor.startsWith('analyst-'));
    expect(analystTransitions.length).toBeLessThanOrEqual(2); // the decision, and a verdict's fall at most
  });

  it('settles a resolution racing a reinstatement on the number route: the case closes once', async () => {
    const phone = newPhoneNumber();
    await reportStrongly(platform, phone, 2);
    const caseId = await openCaseOf(analysts[0], phone);
    const [viaCase, viaNumber] = await Promise.all([
      analysts[0].post(`/v1/cases/${caseId}/resolve`, { decision: 'suspend', note: 'scam' }),
      analysts[1].post(`/v1/numbers/${encodeURIComponent(phone)}/reinstate`, { reason: 'owner changed' }),
    ]);
    expect(viaNumber.status).toBe(200);
    expect([200, 409]).toContain(viaCase.status);
    expect(await probe.events(phone, 'case.resolved')).toHaveLength(1);
    const [c] = await probe.cases(phone);
    expect(c).toMatchObject({ status: 'resolved', decision: viaCase.status === 200 ? 'suspend' : 'reinstate' });
  });
});
