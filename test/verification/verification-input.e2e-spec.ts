import { freshMobile, VerificationFixture } from './verification-fixture';

/** Bad input gets a clear 4xx with the SPEC §2 body — never a 5xx — and costs nothing. */
describe('verification input validation', () => {
  const f = new VerificationFixture();

  beforeAll(() => f.start());
  afterAll(() => f.stop());

  const badNumbers: [unknown, string | undefined][] = [
    ['', undefined],
    ['   ', undefined],
    ['hello', undefined],
    ['call +8613800138000', undefined],
    ['1-800-FLOWERS', 'US'],
    ['+1 415 555 2671 ext 12', undefined],
    ['+14155552671#1', undefined],
    ['+14155552671;ext=1', undefined],
    ['tel:+14155552671', undefined],
    ['+86+13800138000', undefined],
    ['++8613800138000', undefined],
    ['+', undefined],
    ['+1 415', undefined],
    ['+999 123456', undefined],
    ['4155552671', undefined],
    ['4155552671', 'XX'],
    ['+86 138 0013 8000 1234 5678', undefined],
    ['1'.repeat(33), undefined],
    ['+1 099 555 0100', undefined],
    ['+86 000 0000 0000', undefined],
    ["'; DROP TABLE verifications; --", undefined],
    ['<script>alert(1)</script>', undefined],
    ['\u0000+8613800138000', undefined],
    ['+86 138\t0013 8000', undefined],
    [8613800138000, undefined],
    [null, undefined],
    [true, undefined],
    [['+8613800138000'], undefined],
    [{ number: '+8613800138000' }, undefined],
    ['+８６ abc', undefined],
  ];

  it.each(badNumbers)('refuses phone number %j (country %s) with 400', async (phoneNumber, country) => {
    const res = await f.startVerification({ merchantId: 'input', phoneNumber, ...(country ? { country } : {}) });
    expect(res.status).toBe(400);
    expect(['invalid_phone_number', 'validation_failed']).toContain(res.body.code);
    expect(res.body.requestId).toEqual(expect.any(String));
    if (res.body.code === 'invalid_phone_number') {
      expect(['NOT_A_NUMBER', 'INVALID_COUNTRY', 'TOO_SHORT', 'TOO_LONG', 'INVALID_LENGTH', 'INVALID']).toContain(res.body.reason);
    }
  });

  it.each([
    [{ phoneNumber: '+8613800138000' }, 'merchantId'],
    [{ merchantId: '', phoneNumber: '+8613800138000' }, 'merchantId'],
    [{ merchantId: 'a'.repeat(129), phoneNumber: '+8613800138000' }, 'merchantId'],
    [{ merchantId: 'has space', phoneNumber: '+8613800138000' }, 'merchantId'],
    [{ merchantId: 'm', phoneNumber: '+8613800138000', channel: 'fax' }, 'channel'],
    [{ merchantId: 'm', phoneNumber: '+8613800138000', country: 'CHN' }, 'country'],
    [{ merchantId: 'm', phoneNumber: '+8613800138000', locale: 'not a locale!' }, 'locale'],
    [{ merchantId: 'm', phoneNumber: '+8613800138000', clientIp: '999.1.1.1' }, 'clientIp'],
    [{ merchantId: 'm', phoneNumber: '+8613800138000', extra: true }, 'extra'],
  ])('refuses %j naming %s', async (body, field) => {
    const res = await f.startVerification(body as Record<string, unknown>);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('refuses prototype keys anywhere in a body as invalid JSON', async () => {
    for (const raw of [
      '{"merchantId":"m","phoneNumber":"+8613800138000","constructor":"x"}',
      '{"merchantId":"m","phoneNumber":"+8613800138000","__proto__":{"admin":true}}',
      '{"merchantId":"m","phoneNumber":"+8613800138000","nested":{"prototype":{}}}',
    ]) {
      const res = await f.platform.post('/v1/verifications', undefined, { raw, headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('invalid_json');
    }
  });

  it('refuses malformed codes without spending an attempt, and malformed ids with 404', async () => {
    const started = await f.startVerification({ merchantId: 'codes', phoneNumber: freshMobile() });
    const bad = ['', '1', '123', '12345678901', 'abcdef', '12a456', '１２３４５６', '١٢٣٤٥٦', ' 123456', '123456 ', '12.456', '-123456', '+123456', '0x1234', 123456, 1.5, null, true, [], {}];
    for (const code of bad) {
      const res = await f.platform.post(`/v1/verifications/${started.body.id}/check`, { code });
      expect(res.status).toBe(400);
    }
    const missing = await f.platform.post(`/v1/verifications/${started.body.id}/check`, {});
    expect(missing.status).toBe(400);
    expect((await f.platform.get(`/v1/verifications/${started.body.id}`)).body.attemptsRemaining).toBe(5);
    for (const id of ['', '%00', "1'%20OR%20'1'='1", 'undefined', 'null', '..', '00000000-0000-0000-0000-00000000000g']) {
      const res = await f.platform.post(`/v1/verifications/${id}/check`, { code: '123456' });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
  });

  it('refuses malformed merchant ids and numbers in paths with 4xx', async () => {
    for (const path of ['/v1/merchants/has%20space/phones', `/v1/merchants/${'a'.repeat(129)}/phones`, '/v1/merchants/%00/phones']) {
      const res = await f.platform.get(path);
      expect(res.status).toBe(400);
    }
    for (const number of ['8613800138000', 'abc', '%2B86', 'null', '+8613800138000%20OR%201%3D1']) {
      const res = await f.platform.delete(`/v1/merchants/m/phones/${number}`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('invalid_phone_number');
    }
  });
});
