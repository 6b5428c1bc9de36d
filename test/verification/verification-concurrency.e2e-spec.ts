import { freshMobile, VerificationFixture, wrongCodeFor } from './verification-fixture';

/** Every check is evaluated atomically (SPEC §3), however many arrive at once. */
describe('verification under concurrency', () => {
  const f = new VerificationFixture();

  beforeAll(() => f.start({ OTP_NUMBER_DAILY_WRONG_CODES: '7' }));
  afterAll(() => f.stop());

  it('evaluates exactly 5 of 50 concurrent wrong checks', async () => {
    const started = await f.startVerification({ merchantId: 'race-1', phoneNumber: freshMobile() });
    const wrong = wrongCodeFor(await f.codeFor(started.body.id));
    const results = await Promise.all(Array.from({ length: 50 }, () => f.platform.post(`/v1/verifications/${started.body.id}/check`, { code: wrong })));
    const evaluated = results.filter((r) => r.status === 200);
    expect(evaluated).toHaveLength(5);
    expect(evaluated.every((r) => r.body.valid === false)).toBe(true);
    expect(evaluated.map((r) => r.body.attemptsRemaining).sort()).toEqual([0, 1, 2, 3, 4]);
    const refused = results.filter((r) => r.status !== 200);
    expect(refused).toHaveLength(45);
    expect(new Set(refused.map((r) => `${r.status} ${r.body.code}`))).toEqual(new Set(['429 max_attempts_reached']));
    const [row] = await f.t.dataSource.query('SELECT attempts, status FROM verifications WHERE id = $1', [started.body.id]);
    expect(row).toEqual({ attempts: 5, status: 'failed' });
  });

  it('approves exactly once for 20 concurrent right checks', async () => {
    const phone = freshMobile();
    const started = await f.startVerification({ merchantId: 'race-2', phoneNumber: phone });
    const code = await f.codeFor(started.body.id);
    const results = await Promise.all(Array.from({ length: 20 }, () => f.platform.post(`/v1/verifications/${started.body.id}/check`, { code })));
    const approvals = results.filter((r) => r.status === 200 && r.body.valid === true);
    expect(approvals).toHaveLength(1);
    const others = results.filter((r) => r !== approvals[0]);
    expect(new Set(others.map((r) => `${r.status} ${r.body.code}`))).toEqual(new Set(['409 verification_not_pending']));
    const bindings = await f.t.dataSource.query(`SELECT count(*)::int AS n FROM phone_bindings WHERE phone_number = $1`, [phone]);
    expect(bindings[0].n).toBe(1);
    const events = await f.t.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE type = 'verification.approved' AND aggregate_id = $1`, [phone]);
    expect(events[0].n).toBe(1);
    const audit = await f.t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'verification.approved' AND phone_number = $1`, [phone]);
    expect(audit[0].n).toBe(1);
  });

  it('evaluates at most the daily budget of wrong codes per number, across its verifications', async () => {
    const phone = freshMobile();
    const a = await f.startVerification({ merchantId: 'budget-a', phoneNumber: phone });
    const b = await f.startVerification({ merchantId: 'budget-b', phoneNumber: phone });
    const codeA = await f.codeFor(a.body.id);
    const codeB = await f.codeFor(b.body.id);
    const results = await Promise.all([
      ...Array.from({ length: 10 }, () => f.platform.post(`/v1/verifications/${a.body.id}/check`, { code: wrongCodeFor(codeA) })),
      ...Array.from({ length: 10 }, () => f.platform.post(`/v1/verifications/${b.body.id}/check`, { code: wrongCodeFor(codeB) })),
    ]);
    expect(results.filter((r) => r.status === 200)).toHaveLength(7);
    const [{ attempts }] = await f.t.dataSource.query(`SELECT sum(attempts)::int AS attempts FROM verifications WHERE phone_number = $1`, [phone]);
    expect(attempts).toBe(7);
    const budget = results.filter((r) => r.status === 429 && r.body.code === 'rate_limited');
    expect(budget.length).toBeGreaterThan(0);
    expect(budget[0].body.scope).toBe('number');
    // the right code is refused too: the number is locked for the day, whatever is presented
    expect((await f.platform.post(`/v1/verifications/${a.body.id}/check`, { code: codeA })).status).toBe(429);
  });

  it('creates one verification for concurrent first starts of one merchant and number', async () => {
    const phone = freshMobile();
    const results = await Promise.all(Array.from({ length: 10 }, () => f.startVerification({ merchantId: 'race-3', phoneNumber: phone })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 201)) {
      expect(r.status).toBe(429);
      expect(r.body.code).toBe('resend_cooldown');
    }
    const rows = await f.t.dataSource.query(`SELECT count(*)::int AS n FROM verifications WHERE phone_number = $1`, [phone]);
    expect(rows[0].n).toBe(1);
  });
});

describe('verification limits under concurrency', () => {
  const f = new VerificationFixture();

  beforeAll(() => f.start({ VERIFY_LIMIT_NUMBER_SENDS_PER_HOUR: '5' }));
  afterAll(() => f.stop());

  it('queues at most 5 sends for 100 concurrent starts of one number from 10 merchants', async () => {
    const phone = freshMobile();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => f.startVerification({ merchantId: `pump-${i % 10}`, phoneNumber: phone })),
    );
    const accepted = results.filter((r) => r.status === 201 || r.status === 200);
    expect(accepted.length).toBeLessThanOrEqual(5);
    expect(accepted.length).toBeGreaterThan(0);
    for (const r of results.filter((x) => x.status >= 400)) expect(r.status).toBe(429);
    const sms = await f.t.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'sms' AND payload->>'to' = $1`, [phone]);
    expect(sms[0].n).toBe(accepted.length);
    expect(sms[0].n).toBeLessThanOrEqual(5);
  });
});
