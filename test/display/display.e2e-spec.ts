import { freshMobile, VerificationFixture } from '../verification/verification-fixture';

describe('display check (SPEC §4)', () => {
  const f = new VerificationFixture();

  beforeAll(() => f.start({ DISPLAY_CACHE_TTL_MS: '60000' }));
  afterAll(() => f.stop());

  const display = (n: string) => f.platform.get(`/v1/numbers/${encodeURIComponent(n)}/display`);

  it('shows a number only once its merchant has proved it', async () => {
    const phone = freshMobile();
    expect((await display(phone)).body).toEqual({ phoneNumber: phone, displayable: false, reason: 'unverified' });
    await f.verify('shop-a', phone);
    // The approval evicted the cached "unverified" at commit.
    expect((await display(phone)).body).toEqual({ phoneNumber: phone, displayable: true, reason: 'verified', merchantId: 'shop-a' });
  });

  it('answers a cached number from the fast path exactly as the controller does, and checks its key there too', async () => {
    const phone = freshMobile();
    await f.verify('shop-fast', phone);
    const first = await display(phone); // a miss: the controller answers and fills the cache
    const second = await display(phone); // a hit: answered from the Fastify hook
    expect(second.status).toBe(200);
    expect(second.text).toBe(first.text);
    const headerNames = (res: { headers: Headers }) => [...res.headers.keys()].filter((h) => h !== 'date').sort();
    expect(headerNames(second)).toEqual(headerNames(first));
    expect(second.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(second.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    // The cached answer is no reason to skip authentication or the role check.
    const path = `/v1/numbers/${encodeURIComponent(phone)}/display`;
    // Twice: the first answer also puts the analyst's key in the cache the fast path reads.
    expect((await f.analyst.get(path)).status).toBe(403);
    expect((await f.analyst.get(path)).status).toBe(403);
    expect((await f.platform.get(path, { key: 'not-a-key-of-ours-0123456789' })).status).toBe(401);
    expect((await f.platform.get(path, { key: '' })).status).toBe(401);
  });

  it('answers a batch of cached numbers from the fast path as the controller does, and validates it as strictly', async () => {
    const phone = freshMobile();
    await f.verify('shop-fast-batch', phone);
    const body = { phoneNumbers: [phone, phone] };
    const first = await f.platform.post('/v1/numbers/display', body);
    const second = await f.platform.post('/v1/numbers/display', body);
    expect(second.status).toBe(200);
    expect(second.text).toBe(first.text);
    expect((await f.analyst.post('/v1/numbers/display', body)).status).toBe(403);
    expect((await f.analyst.post('/v1/numbers/display', body)).status).toBe(403);
    // Cached numbers do not make a bad batch good: unknown fields and oversized batches are still refused.
    expect((await f.platform.post('/v1/numbers/display', { ...body, extra: 1 })).status).toBe(400);
    expect((await f.platform.post('/v1/numbers/display', { phoneNumbers: Array(101).fill(phone) })).status).toBe(400);
    expect((await f.platform.post('/v1/numbers/display', { phoneNumbers: [phone, 42] })).status).toBe(400);
  });

  it('follows ownership changes at once, despite a long cache TTL', async () => {
    const phone = freshMobile();
    await f.verify('shop-b', phone);
    expect((await display(phone)).body.merchantId).toBe('shop-b');
    await f.verify('shop-c', phone);
    expect((await display(phone)).body).toMatchObject({ displayable: true, merchantId: 'shop-c' });
    await f.platform.delete(`/v1/merchants/shop-c/phones/${encodeURIComponent(phone)}`);
    expect((await display(phone)).body).toEqual({ phoneNumber: phone, displayable: false, reason: 'unverified' });
  });

  it('hides restricted and suspended numbers', async () => {
    const restricted = freshMobile();
    const suspended = freshMobile();
    await f.verify('shop-e', restricted);
    await f.verify('shop-e', suspended);
    await f.t.dataSource.query(`INSERT INTO numbers (phone_number, state) VALUES ($1, 'restricted'), ($2, 'suspended')`, [restricted, suspended]);
    const batch = await f.platform.post('/v1/numbers/display', { phoneNumbers: [restricted, suspended] });
    // Neither was in the cache yet (verify() never asked for them), so the database answers.
    expect(batch.body.items.map((i: { reason: string }) => i.reason)).toEqual(['restricted', 'suspended']);
    expect(batch.body.items.every((i: { displayable: boolean }) => !i.displayable)).toBe(true);
  });

  it('reads an expired badge as verification_expired', async () => {
    const phone = freshMobile();
    await f.verify('shop-f', phone);
    await f.t.dataSource.query(`UPDATE phone_bindings SET expires_at = now() - interval '1 second' WHERE phone_number = $1`, [phone]);
    // Never displayed before, so not cached: the expired binding is read from the database.
    expect((await display(phone)).body).toEqual({ phoneNumber: phone, displayable: false, reason: 'verification_expired' });
  });

  it('answers a batch in the order given, with repeats and national formats', async () => {
    const verified = freshMobile();
    await f.verify('shop-g', verified);
    const other = freshMobile();
    const res = await f.platform.post('/v1/numbers/display', { phoneNumbers: [other, verified, verified.slice(3), other], country: 'CN' });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { phoneNumber: other, displayable: false, reason: 'unverified' },
      { phoneNumber: verified, displayable: true, reason: 'verified', merchantId: 'shop-g' },
      { phoneNumber: verified, displayable: true, reason: 'verified', merchantId: 'shop-g' },
      { phoneNumber: other, displayable: false, reason: 'unverified' },
    ]);
  });

  it('refuses bad input with 4xx', async () => {
    const many = Array.from({ length: 101 }, () => freshMobile());
    expect((await f.platform.post('/v1/numbers/display', { phoneNumbers: many })).status).toBe(400);
    expect((await f.platform.post('/v1/numbers/display', { phoneNumbers: [] })).status).toBe(400);
    expect((await f.platform.post('/v1/numbers/display', { phoneNumbers: 'x' })).status).toBe(400);
    expect((await f.platform.post('/v1/numbers/display', { phoneNumbers: [1, 2] })).status).toBe(400);
    const bad = await f.platform.post('/v1/numbers/display', { phoneNumbers: [freshMobile(), 'nonsense', '+1 415'] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'invalid_phone_number' });
    expect(bad.body.errors).toEqual([
      { field: 'phoneNumbers[1]', message: 'NOT_A_NUMBER' },
      { field: 'phoneNumbers[2]', message: 'TOO_SHORT' },
    ]);
    for (const path of ['8613800138000', 'abc', 'null', 'undefined', '+1', `%2B${'1'.repeat(40)}`]) {
      const res = await f.platform.get(`/v1/numbers/${path}/display`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('invalid_phone_number');
    }
    expect((await f.analyst.get(`/v1/numbers/${encodeURIComponent(freshMobile())}/display`)).status).toBe(403);
  });

  it('accepts the + raw or percent-encoded, and full-width digits', async () => {
    const phone = freshMobile();
    await f.verify('shop-h', phone);
    expect((await f.platform.get(`/v1/numbers/${phone}/display`)).body.displayable).toBe(true);
    expect((await f.platform.get(`/v1/numbers/%2B${phone.slice(1)}/display`)).body.displayable).toBe(true);
    const fullWidth = phone.replace(/[0-9+]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect((await f.platform.get(`/v1/numbers/${encodeURIComponent(fullWidth)}/display`)).body).toMatchObject({ phoneNumber: phone, displayable: true });
  });
});
