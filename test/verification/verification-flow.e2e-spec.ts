import { freshMobile, VerificationFixture, wrongCodeFor } from './verification-fixture';
import { waitFor } from '../support/wait-for';

describe('verification: proving a merchant owns a number', () => {
  const f = new VerificationFixture();

  beforeAll(() => f.start({ OTP_RESEND_COOLDOWN_SECONDS: '1' }));
  afterAll(() => f.stop());

  it('sends a signed code, approves the right one, and binds the number to the merchant', async () => {
    const phone = freshMobile();
    const started = await f.startVerification({ merchantId: 'shop-1', phoneNumber: phone.replace('+86', ''), country: 'CN', locale: 'zh-CN' });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      merchantId: 'shop-1',
      phoneNumber: phone,
      channel: 'sms',
      status: 'pending',
      sendCount: 1,
      attemptsRemaining: 5,
    });
    expect(started.body.maskedNumber).toMatch(/^\+86 139\*{4}\d{4}$/);
    expect(started.text).not.toMatch(/"code"|codeHash|code_hash/);

    const code = await f.codeFor(started.body.id);
    expect(code).toMatch(/^[0-9]{6}$/);
    const [sms] = f.delivered(started.body.id);
    expect(sms).toMatchObject({ to: phone, channel: 'sms', locale: 'zh-CN', verificationId: started.body.id });
    expect(sms.body).toContain(code);
    expect(sms.body).toContain('验证码');

    const checked = await f.platform.post(`/v1/verifications/${started.body.id}/check`, { code });
    expect(checked.status).toBe(200);
    expect(checked.body).toEqual({ id: started.body.id, status: 'approved', valid: true, attemptsRemaining: 0 });

    const phones = await f.platform.get('/v1/merchants/shop-1/phones');
    expect(phones.body.items).toEqual([
      expect.objectContaining({ phoneNumber: phone, status: 'verified', displayable: true, maskedNumber: started.body.maskedNumber }),
    ]);
    const binding = phones.body.items[0];
    const days = (Date.parse(binding.expiresAt) - Date.parse(binding.verifiedAt)) / 86400000;
    expect(Math.round(days)).toBe(365);

    const got = await f.platform.get(`/v1/verifications/${started.body.id}`);
    expect(got.body).toMatchObject({ status: 'approved', attemptsRemaining: 0, nextResendAt: null });
    expect(got.body.approvedAt).not.toBeNull();

    // Only an HMAC was kept, and nothing of the code survives the approval.
    const [row] = await f.t.dataSource.query('SELECT * FROM verifications WHERE id = $1', [started.body.id]);
    expect(row.code_sealed).toBeNull();
    expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(code);
    const events = await f.t.dataSource.query(`SELECT type FROM outbox WHERE topic = 'event' AND aggregate_id = $1`, [phone]);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['verification.approved']);
    const audit = await f.analyst.get(`/v1/audit?phoneNumber=${encodeURIComponent(phone)}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['verification.approved']);
  });

  it('fails after five wrong codes and then answers 429', async () => {
    const started = await f.startVerification({ merchantId: 'shop-2', phoneNumber: freshMobile() });
    const code = await f.codeFor(started.body.id);
    const wrong = wrongCodeFor(code);
    const remaining: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await f.platform.post(`/v1/verifications/${started.body.id}/check`, { code: wrong });
      expect(res.status).toBe(200);
      expect(res.body.valid).toBe(false);
      remaining.push(res.body.attemptsRemaining);
    }
    expect(remaining).toEqual([4, 3, 2, 1, 0]);
    expect((await f.platform.get(`/v1/verifications/${started.body.id}`)).body.status).toBe('failed');
    const sixth = await f.platform.post(`/v1/verifications/${started.body.id}/check`, { code });
    expect(sixth.status).toBe(429);
    expect(sixth.body.code).toBe('max_attempts_reached');
  });

  it('spends no attempt on a malformed code', async () => {
    const started = await f.startVerification({ merchantId: 'shop-3', phoneNumber: freshMobile() });
    for (const code of ['', '123', '12345678901', 'abcdef', '12 34 56', '１２３４５６', ' 123456', '-12345', '1e5', 123456, null, ['123456'], { code: 1 }]) {
      const res = await f.platform.post(`/v1/verifications/${started.body.id}/check`, { code });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    expect((await f.platform.get(`/v1/verifications/${started.body.id}`)).body.attemptsRemaining).toBe(5);
  });

  it('re-sends the same code on resend and on a second start, within the cooldown rules', async () => {
    const phone = freshMobile();
    const started = await f.startVerification({ merchantId: 'shop-4', phoneNumber: phone });
    const code = await f.codeFor(started.body.id);

    const tooSoon = await f.platform.post(`/v1/verifications/${started.body.id}/resend`);
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.body.code).toBe('resend_cooldown');
    expect(Number(tooSoon.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    await new Promise((r) => setTimeout(r, 1100));
    const resent = await f.platform.post(`/v1/verifications/${started.body.id}/resend`);
    expect(resent.status).toBe(200);
    expect(resent.body.sendCount).toBe(2);
    expect(await f.codeFor(started.body.id, 2)).toBe(code);

    await new Promise((r) => setTimeout(r, 1100));
    const again = await f.startVerification({ merchantId: 'shop-4', phoneNumber: phone });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(started.body.id);
    expect(again.body.sendCount).toBe(3);
    expect(await f.codeFor(started.body.id, 3)).toBe(code);

    const immediately = await f.startVerification({ merchantId: 'shop-4', phoneNumber: phone });
    expect(immediately.status).toBe(429);
    expect(immediately.body.code).toBe('resend_cooldown');
  });

  it('caps sends per verification at 5', async () => {
    const started = await f.startVerification({ merchantId: 'shop-5', phoneNumber: freshMobile() });
    for (let i = 2; i <= 5; i++) {
      await new Promise((r) => setTimeout(r, 1050));
      expect((await f.platform.post(`/v1/verifications/${started.body.id}/resend`)).status).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 1050));
    const sixth = await f.platform.post(`/v1/verifications/${started.body.id}/resend`);
    expect(sixth.status).toBe(429);
    expect(sixth.body.code).toBe('max_sends_reached');
  });

  it('cancels: the code no longer works and is never sent again', async () => {
    const started = await f.startVerification({ merchantId: 'shop-6', phoneNumber: freshMobile() });
    const code = await f.codeFor(started.body.id);
    const canceled = await f.platform.post(`/v1/verifications/${started.body.id}/cancel`);
    expect(canceled.status).toBe(200);
    expect(canceled.body.status).toBe('canceled');
    const check = await f.platform.post(`/v1/verifications/${started.body.id}/check`, { code });
    expect(check.status).toBe(409);
    expect(check.body.code).toBe('verification_not_pending');
    expect((await f.platform.post(`/v1/verifications/${started.body.id}/cancel`)).status).toBe(409);
    expect((await f.platform.post(`/v1/verifications/${started.body.id}/resend`)).status).toBe(409);
  });

  it('hands the number to a new owner who proves it, revoking the old binding with an event', async () => {
    const phone = freshMobile();
    await f.verify('old-owner', phone);
    await f.verify('new-owner', phone);

    const old = await f.platform.get('/v1/merchants/old-owner/phones');
    expect(old.body.items).toEqual([expect.objectContaining({ phoneNumber: phone, status: 'revoked', displayable: false })]);
    const current = await f.platform.get('/v1/merchants/new-owner/phones');
    expect(current.body.items).toEqual([expect.objectContaining({ phoneNumber: phone, status: 'verified', displayable: true })]);

    const events: { type: string; payload: any; created_at: Date }[] = await f.t.dataSource.query(
      `SELECT type, payload, created_at FROM outbox WHERE topic = 'event' AND aggregate_id = $1 ORDER BY created_at`,
      [phone],
    );
    // The first owner's approval, then the takeover's two events, written in one transaction (same time, any order).
    expect(events[0].type).toBe('verification.approved');
    expect(events.slice(1).map((e) => e.type).sort()).toEqual(['phone.revoked', 'verification.approved']);
    expect(events[1].created_at).toEqual(events[2].created_at);
    const revoked = events.find((e) => e.type === 'phone.revoked')!;
    expect(revoked.payload.data).toMatchObject({ merchantId: 'old-owner', newMerchantId: 'new-owner', reason: 'claimed_by_other_merchant' });
    expect(revoked.payload).toEqual(expect.objectContaining({ id: expect.any(String), type: 'phone.revoked', occurredAt: expect.any(String) }));
    const audit = await f.analyst.get(`/v1/audit?phoneNumber=${encodeURIComponent(phone)}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('phone.revoked');
  });

  it('renews the badge when the same merchant proves the number again', async () => {
    const phone = freshMobile();
    await f.verify('renewer', phone);
    await f.verify('renewer', phone);
    const list = await f.platform.get('/v1/merchants/renewer/phones');
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].status).toBe('verified');
  });

  it('lets a merchant remove its number (204, then 404)', async () => {
    const phone = freshMobile();
    await f.verify('remover', phone);
    const removed = await f.platform.delete(`/v1/merchants/remover/phones/${encodeURIComponent(phone)}`);
    expect(removed.status).toBe(204);
    expect((await f.platform.get('/v1/merchants/remover/phones')).body.items).toEqual([]);
    expect((await f.platform.delete(`/v1/merchants/remover/phones/${phone}`)).status).toBe(404);
    const events = await f.t.dataSource.query(`SELECT payload FROM outbox WHERE type = 'phone.revoked' AND aggregate_id = $1`, [phone]);
    expect(events[0].payload.data.reason).toBe('removed_by_merchant');
  });

  it('refuses numbers it must not send to', async () => {
    const landline = await f.startVerification({ merchantId: 'shop-7', phoneNumber: '+44 20 7946 0958' });
    expect(landline.status).toBe(422);
    expect(landline.body).toMatchObject({ code: 'unsupported_number_type', numberType: 'fixed_line', suggestedChannel: 'voice' });
    const byVoice = await f.startVerification({ merchantId: 'shop-7', phoneNumber: '+44 20 7946 0958', channel: 'voice' });
    expect(byVoice.status).toBe(201);
    await waitFor(() => f.delivered(byVoice.body.id).length === 1);
    expect(f.delivered(byVoice.body.id)[0].channel).toBe('voice');
    for (const premium of ['+1 900 555 0100', '+33 8 91 70 00 00', '+33 810 12 34 56']) {
      const res = await f.startVerification({ merchantId: 'shop-7', phoneNumber: premium, channel: 'voice' });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('unsupported_number_type');
    }
  });

  it('refuses a suspended number with 409', async () => {
    const phone = freshMobile();
    await f.t.dataSource.query(`INSERT INTO numbers (phone_number, state) VALUES ($1, 'suspended')`, [phone]);
    const res = await f.startVerification({ merchantId: 'shop-8', phoneNumber: phone });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('number_suspended');
    const rows = await f.t.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'sms' AND payload->>'to' = $1`, [phone]);
    expect(rows[0].n).toBe(0);
  });

  it('replays an Idempotency-Key retry and refuses the key with another body', async () => {
    const phone = freshMobile();
    const headers = { 'idempotency-key': `start-${phone}` };
    const first = await f.startVerification({ merchantId: 'shop-9', phoneNumber: phone }, headers);
    const retry = await f.startVerification({ merchantId: 'shop-9', phoneNumber: phone }, headers);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    await f.codeFor(first.body.id);
    await new Promise((r) => setTimeout(r, 300));
    expect(f.delivered(first.body.id)).toHaveLength(1);
    const reused = await f.startVerification({ merchantId: 'shop-10', phoneNumber: phone }, headers);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
  });

  it('answers 404 for unknown or malformed verification ids', async () => {
    for (const id of ['00000000-0000-0000-0000-000000000000', 'undefined', 'null', 'abc']) {
      expect((await f.platform.get(`/v1/verifications/${id}`)).status).toBe(404);
      expect((await f.platform.post(`/v1/verifications/${id}/check`, { code: '123456' })).status).toBe(404);
    }
  });

  it('is closed to analysts', async () => {
    expect((await f.analyst.post('/v1/verifications', { merchantId: 'x', phoneNumber: freshMobile() })).status).toBe(403);
    expect((await f.analyst.get('/v1/merchants/x/phones')).status).toBe(403);
  });
});
