import { HttpClient } from '../support/http-client';
import { ReviewProbe } from '../support/review-probe';
import { freshMobile, VerificationFixture } from '../verification/verification-fixture';
import { openCaseOf, reportStrongly } from './review-fixture';

/** POST /v1/merchants/{merchantId}/phones/{phoneNumber}/appeal (SPEC §3). */
describe('appeals', () => {
  const f = new VerificationFixture();
  let probe: ReviewProbe;
  let analyst: HttpClient;

  beforeAll(async () => {
    await f.start({ SCORE_SCHEDULER_ENABLED: 'false' });
    analyst = await f.t.clientFor('analyst', 'analyst-ana');
    probe = new ReviewProbe(f.t.dataSource);
  });
  afterAll(() => f.stop());

  const appeal = (merchantId: string, phone: string, body: unknown, client = f.platform) =>
    client.post(`/v1/merchants/${merchantId}/phones/${encodeURIComponent(phone)}/appeal`, body);

  /** A number bound to the merchant, then restricted by four strong reports (its case open at priority 2). */
  async function restrictedNumberOf(merchantId: string): Promise<{ phone: string; caseId: string }> {
    const phone = freshMobile();
    await f.verify(merchantId, phone);
    await reportStrongly(f.platform, phone, 4);
    return { phone, caseId: await openCaseOf(analyst, phone) };
  }

  it('joins the open case, raising its priority, and keeps the statement verbatim', async () => {
    const { phone, caseId } = await restrictedNumberOf('shop-1');
    const statement = 'We bought this line last month.\n<script>alert("x")</script> — 我们是正规商家 🙏';
    const res = await appeal('shop-1', phone, { statement });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ caseId });

    const c = (await analyst.get(`/v1/cases/${caseId}`)).body;
    expect(c).toMatchObject({ priority: 3, appealed: true, appealedAt: expect.any(String), reason: 'score_threshold' });
    expect(c.appeal).toEqual({ id: expect.any(String), merchantId: 'shop-1', statement, status: 'open', createdAt: expect.any(String), closedAt: null });
    expect(c.history.at(-1)).toMatchObject({ action: 'case.appealed', subjectId: caseId, before: { priority: 2 }, after: { priority: 3, merchantId: 'shop-1' } });
    expect(await probe.events(phone, 'case.opened')).toHaveLength(1); // it joined, it opened nothing
    // First in the queue now, above nothing else of higher priority.
    expect((await analyst.get('/v1/cases?limit=1')).body.items[0]).toMatchObject({ id: caseId, priority: 3, appealed: true });

    const second = await appeal('shop-1', phone, { statement: 'again' });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'appeal_already_open', caseId });

    // The number escalating keeps the appeal's bonus: suspended (3) + 1.
    await reportStrongly(f.platform, phone, 2);
    expect((await probe.cases(phone))[0]).toMatchObject({ id: caseId, priority: 4 });

    // Resolving answers the appeal; the platform learns whose appeal it was.
    await analyst.post(`/v1/cases/${caseId}/resolve`, { decision: 'restrict', note: 'complaints continue' });
    expect((await probe.appeals(phone)).map((a) => a.status)).toEqual(['closed']);
    expect((await probe.events(phone, 'case.resolved'))[0].data).toMatchObject({ decision: 'restrict', state: 'restricted', appeal: { merchantId: 'shop-1' } });

    // The number has no open case now: a new appeal opens one (restricted 2 + appeal 1), with its event.
    const again = await appeal('shop-1', phone, { statement: 'we changed our call scripts' });
    expect(again.status).toBe(201);
    expect(again.body.caseId).not.toBe(caseId);
    expect(await probe.cases(phone)).toEqual([
      expect.objectContaining({ id: caseId, status: 'resolved' }),
      expect.objectContaining({ id: again.body.caseId, status: 'open', priority: 3, reason: 'appeal' }),
    ]);
    expect((await probe.events(phone, 'case.opened')).at(-1)).toMatchObject({
      type: 'case.opened',
      data: { caseId: again.body.caseId, phoneNumber: phone, priority: 3, reason: 'appeal', merchantId: 'shop-1' },
    });
    // (Entries of one transaction may share a millisecond on the embedded database: compared as a set.)
    expect((await probe.audit(phone)).filter((e) => e.subjectId === again.body.caseId).map((e) => e.action).sort()).toEqual(['case.appealed', 'case.opened']);
  });

  it('refuses merchants the number is not bound to (404) and numbers neither restricted nor suspended (409)', async () => {
    const { phone } = await restrictedNumberOf('shop-2');
    const stranger = await appeal('shop-3', phone, { statement: 'mine' });
    expect(stranger.status).toBe(404);
    expect(stranger.body.code).toBe('not_found');
    expect((await appeal('shop-2', freshMobile(), { statement: 'never verified' })).status).toBe(404);

    const calm = freshMobile();
    await f.verify('shop-2', calm);
    await reportStrongly(f.platform, calm, 2); // review
    const notYet = await appeal('shop-2', calm, { statement: 'please' });
    expect(notYet.status).toBe(409);
    expect(notYet.body).toMatchObject({ code: 'number_not_restricted', state: 'review' });

    // A number another merchant proved since is not the old merchant's to appeal.
    await f.verify('shop-4', phone);
    expect((await appeal('shop-2', phone, { statement: 'it was ours' })).status).toBe(404);
    expect((await appeal('shop-4', phone, { statement: 'it is ours now' })).status).toBe(201);
    expect(await probe.appeals(calm)).toEqual([]);
  });

  it('accepts an expired badge (a suspended number cannot be verified again) and an analyst suspension', async () => {
    const phone = freshMobile();
    await f.verify('shop-5', phone);
    await analyst.post(`/v1/numbers/${encodeURIComponent(phone)}/suspend`, { reason: 'fraud ring' });
    await f.t.dataSource.query(`UPDATE phone_bindings SET expires_at = now() - interval '1 day' WHERE phone_number = $1`, [phone]);
    const res = await appeal('shop-5', phone, { statement: 'we are legitimate' });
    expect(res.status).toBe(201);
    expect(res.body.caseId).toBe((await probe.cases(phone))[0].id);
  });

  it('validates the statement, the merchant id and the number', async () => {
    const { phone } = await restrictedNumberOf('shop-6');
    for (const body of [
      {},
      { statement: '' },
      { statement: '   \n ' },
      { statement: 42 },
      { statement: null },
      { statement: ['x'] },
      { statement: 'x'.repeat(2001) },
      { statement: 'nul \u0000 inside' },
      { statement: 'ok', merchantId: 'shop-6' },
    ]) {
      const res = await appeal('shop-6', phone, body);
      expect([JSON.stringify(body).slice(0, 40), res.status, res.body.code]).toEqual([JSON.stringify(body).slice(0, 40), 400, 'validation_failed']);
    }
    expect((await appeal('shop 6', phone, { statement: 'x' })).status).toBe(400);
    expect((await appeal('shop-6', '13800138000', { statement: 'x' })).body.code).toBe('invalid_phone_number');
    expect((await f.platform.post(`/v1/merchants/shop-6/phones/${encodeURIComponent(phone)}/appeal`, undefined, { raw: 'statement=x', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect(await probe.appeals(phone)).toEqual([]);
    // The longest statement allowed is kept whole.
    const long = 'y'.repeat(2000);
    expect((await appeal('shop-6', phone, { statement: long })).status).toBe(201);
    expect((await probe.appeals(phone))[0].statement).toBe(long);
  });

  it('is the platform\'s route: analysts cannot appeal, and the platform cannot read cases', async () => {
    const { phone, caseId } = await restrictedNumberOf('shop-7');
    const byAnalyst = await appeal('shop-7', phone, { statement: 'x' }, analyst);
    expect(byAnalyst.status).toBe(403);
    expect(byAnalyst.body.code).toBe('forbidden');
    expect((await appeal('shop-7', phone, { statement: 'x' }, f.t.anonymous)).status).toBe(401);
    for (const path of ['/v1/cases', `/v1/cases/${caseId}`]) expect((await f.platform.get(path)).status).toBe(403);
    for (const path of [`/v1/cases/${caseId}/assign`, `/v1/cases/${caseId}/resolve`]) {
      expect((await f.platform.post(path, { assignee: 'x', decision: 'dismiss', note: 'x' })).status).toBe(403);
    }
    expect((await f.platform.get(`/v1/numbers/${encodeURIComponent(phone)}/score/history`)).status).toBe(403);
  });

  it('takes one of many concurrent appeals (201) and refuses the others (409)', async () => {
    const phone = freshMobile();
    await f.verify('shop-8', phone);
    await reportStrongly(f.platform, phone, 4);
    // Resolve the case with a restriction so that no case is open: the appeals race to open one.
    await analyst.post(`/v1/cases/${await openCaseOf(analyst, phone)}/resolve`, { decision: 'restrict', note: 'held' });

    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => appeal('shop-8', phone, { statement: `appeal ${i}` })));
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(11).fill(409)]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'appeal_already_open')).toBe(true);
    const open = (await probe.cases(phone)).filter((c) => c.status === 'open');
    expect(open).toEqual([expect.objectContaining({ id: results.find((r) => r.status === 201)!.body.caseId, reason: 'appeal' })]);
    expect(await probe.appeals(phone)).toHaveLength(1);
    expect((await probe.events(phone, 'case.opened')).filter((e) => e.data.reason === 'appeal')).toHaveLength(1);
  });
});
