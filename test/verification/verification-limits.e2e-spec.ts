import { freshMobile, VerificationFixture } from './verification-fixture';

/** The anti-pumping limits of SPEC §3: each scope refuses with 429, names itself, and says when to retry. */
describe('verification anti-pumping limits', () => {
  const f = new VerificationFixture();

  beforeAll(() =>
    f.start({
      VERIFY_LIMIT_NUMBER_SENDS_PER_HOUR: '3',
      VERIFY_LIMIT_MERCHANT_PER_HOUR: '3',
      VERIFY_LIMIT_IP_PER_HOUR: '3',
      VERIFY_LIMIT_PREFIX_PER_HOUR: '3',
      OTP_RESEND_COOLDOWN_SECONDS: '0',
    }),
  );
  afterAll(() => f.stop());

  async function expectRefused(body: Record<string, unknown>, scope: string) {
    const res = await f.startVerification(body);
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ statusCode: 429, code: 'rate_limited', scope });
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
  }

  it('limits sends per number (new verifications and resends alike)', async () => {
    const phone = freshMobile();
    const first = await f.startVerification({ merchantId: 'n-1', phoneNumber: phone });
    expect((await f.platform.post(`/v1/verifications/${first.body.id}/resend`)).status).toBe(200);
    expect((await f.startVerification({ merchantId: 'n-2', phoneNumber: phone })).status).toBe(201);
    await expectRefused({ merchantId: 'n-3', phoneNumber: phone }, 'number');
    const resend = await f.platform.post(`/v1/verifications/${first.body.id}/resend`);
    expect(resend.status).toBe(429);
    expect(resend.body.scope).toBe('number');
  });

  it('limits new verifications per merchant', async () => {
    for (let i = 0; i < 3; i++) expect((await f.startVerification({ merchantId: 'busy-merchant', phoneNumber: freshMobile() })).status).toBe(201);
    await expectRefused({ merchantId: 'busy-merchant', phoneNumber: freshMobile() }, 'merchant');
  });

  it('limits new verifications per client IP', async () => {
    for (let i = 0; i < 3; i++) expect((await f.startVerification({ merchantId: `ip-${i}`, phoneNumber: freshMobile(), clientIp: '203.0.113.9' })).status).toBe(201);
    await expectRefused({ merchantId: 'ip-x', phoneNumber: freshMobile(), clientIp: '203.0.113.9' }, 'ip');
    expect((await f.startVerification({ merchantId: 'ip-y', phoneNumber: freshMobile(), clientIp: '203.0.113.10' })).status).toBe(201);
  });

  it('limits new verifications per number prefix (a range walked by a pumping bot)', async () => {
    const base = '+8613700' + String(Math.floor(Math.random() * 100)).padStart(2, '0');
    for (let i = 0; i < 3; i++) expect((await f.startVerification({ merchantId: `p-${i}`, phoneNumber: `${base}000${i}` })).status).toBe(201);
    await expectRefused({ merchantId: 'p-x', phoneNumber: `${base}0009` }, 'prefix');
  });

  it('gives back the charges of a refused request', async () => {
    // A refused number (suspended) must not eat the merchant's budget.
    const suspended = freshMobile();
    await f.t.dataSource.query(`INSERT INTO numbers (phone_number, state) VALUES ($1, 'suspended')`, [suspended]);
    for (let i = 0; i < 5; i++) expect((await f.startVerification({ merchantId: 'refunded', phoneNumber: suspended })).status).toBe(409);
    for (let i = 0; i < 3; i++) expect((await f.startVerification({ merchantId: 'refunded', phoneNumber: freshMobile() })).status).toBe(201);
  });
});

describe('the global hourly SMS budget', () => {
  const f = new VerificationFixture();

  beforeAll(() => f.start({ SMS_HOURLY_BUDGET: '4' }));
  afterAll(() => f.stop());

  it('stops every send once spent', async () => {
    for (let i = 0; i < 4; i++) expect((await f.startVerification({ merchantId: `g-${i}`, phoneNumber: freshMobile() })).status).toBe(201);
    const res = await f.startVerification({ merchantId: 'g-x', phoneNumber: freshMobile() });
    expect(res.status).toBe(429);
    expect(res.body.scope).toBe('global');
  });
});
