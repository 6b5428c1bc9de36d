import { HttpClient } from '../support/http-client';
import { newPhoneNumber, reportBody } from '../support/report-factory';
import { startTestApp, TestApp } from '../support/test-app';

function expectErrorBody(res: { status: number; body: any }, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.body).toMatchObject({ statusCode: status, code, message: expect.any(String), requestId: expect.any(String) });
}

describe('malformed input to the reporting and scoring routes: 4xx with the SPEC §2 body, never 5xx', () => {
  let t: TestApp;
  let platform: HttpClient;
  let analyst: HttpClient;
  let reportId: string;
  const phone = newPhoneNumber();

  beforeAll(async () => {
    t = await startTestApp({ SCORE_SCHEDULER_ENABLED: 'false', REPORT_LIMIT_REPORTER_PER_MINUTE: '1000', REPORT_LIMIT_REPORTER_PER_DAY: '1000' });
    platform = await t.clientFor('platform');
    analyst = await t.clientFor('analyst');
    reportId = (await platform.post('/v1/reports', reportBody(phone))).body.id;
  });
  afterAll(() => t.dispose());

  const valid = () => reportBody(newPhoneNumber());

  it.each<[string, Record<string, unknown>, string[]]>([
    ['a missing phoneNumber', { phoneNumber: undefined }, ['phoneNumber']],
    ['a numeric phoneNumber', { phoneNumber: 8613800138000 }, ['phoneNumber']],
    ['an over-long phoneNumber', { phoneNumber: '+86 138 0013 8000 0000 0000 00000' }, ['phoneNumber']],
    ['a malformed country', { country: 'CHN' }, ['country']],
    ['a missing category', { category: undefined }, ['category']],
    ['an unknown category', { category: 'rude' }, ['category']],
    ['a category in the wrong case', { category: 'SPAM' }, ['category']],
    ['an empty reporterId', { reporterId: '' }, ['reporterId']],
    ['a reporterId over 128 characters', { reporterId: 'r'.repeat(129) }, ['reporterId']],
    ['a numeric reporterId', { reporterId: 12345 }, ['reporterId']],
    ['a reporterId with a newline', { reporterId: 'abc\ndef' }, ['reporterId']],
    ['a description over 2000 characters', { description: 'x'.repeat(2001) }, ['description']],
    ['a description that is an object', { description: { text: 'x' } }, ['description']],
    ['a description with a NUL character', { description: 'bad\u0000byte' }, ['description']],
    ['an unknown channel', { channel: 'fax' }, ['channel']],
    ['an occurredAt that is not a date', { occurredAt: 'yesterday' }, ['occurredAt']],
    ['an occurredAt in the future', { occurredAt: new Date(Date.now() + 86400_000).toISOString() }, ['occurredAt']],
    ['an occurredAt without a time zone', { occurredAt: '2025-01-01T10:00:00' }, ['occurredAt']],
    ['evidence as a string', { evidence: 'attested' }, ['evidence']],
    ['evidence as an array', { evidence: [] }, ['evidence']],
    ['evidence.attested as a string', { evidence: { interactionId: 'c1', attested: 'true' } }, ['evidence.attested']],
    ['evidence without interactionId', { evidence: { attested: true } }, ['evidence.interactionId']],
    ['an unknown field inside evidence', { evidence: { interactionId: 'c1', attested: true, signed: true } }, ['evidence.signed']],
    ['a negative accountAgeDays', { reporterContext: { accountAgeDays: -1, verifiedBuyer: true } }, ['reporterContext.accountAgeDays']],
    ['a fractional accountAgeDays', { reporterContext: { accountAgeDays: 1.5, verifiedBuyer: true } }, ['reporterContext.accountAgeDays']],
    ['verifiedBuyer as a number', { reporterContext: { accountAgeDays: 10, verifiedBuyer: 1 } }, ['reporterContext.verifiedBuyer']],
    ['a clientIp that is not an IP', { clientIp: '999.1.1.1' }, ['clientIp']],
    ['an unknown top-level field', { score: 100 }, ['score']],
  ])('POST /v1/reports refuses %s (400 validation_failed)', async (_name, change, fields) => {
    const res = await platform.post('/v1/reports', { ...valid(), ...change });
    expectErrorBody(res, 400, 'validation_failed');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(fields));
  });

  it.each([
    ['letters', 'call-me-now'],
    ['an extension', '+8613800138000 ext 12'],
    ['too few digits', '+86 138'],
    ['a national number with no country', '13800138000'],
    ['an unknown country', '+999 1234 5678'],
  ])('POST /v1/reports refuses a phoneNumber with %s (400 invalid_phone_number with a reason)', async (_name, phoneNumber) => {
    const res = await platform.post('/v1/reports', { ...valid(), phoneNumber });
    expectErrorBody(res, 400, 'invalid_phone_number');
    expect(['NOT_A_NUMBER', 'INVALID_COUNTRY', 'TOO_SHORT', 'TOO_LONG', 'INVALID_LENGTH', 'INVALID']).toContain(res.body.reason);
  });

  it('refuses non-object and non-JSON bodies', async () => {
    for (const raw of ['[]', '"spam"', '42', 'null', '{"phoneNumber": ']) {
      const res = await platform.post('/v1/reports', undefined, { raw, headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(400);
      expect(res.body.statusCode).toBe(400);
    }
    const form = await platform.post('/v1/reports', undefined, { raw: 'phoneNumber=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expectErrorBody(form, 415, 'unsupported_media_type');
  });

  it('refuses a malformed Idempotency-Key', async () => {
    const res = await platform.post('/v1/reports', valid(), { headers: { 'idempotency-key': 'x'.repeat(300) } });
    expectErrorBody(res, 400, 'idempotency_key_invalid');
  });

  it.each(['', 'undefined', 'null', 'not-a-uuid', "1' OR '1'='1", '00000000-0000-0000-0000-00000000000g'])(
    'answers report id %j with 404 not_found',
    async (id) => {
      expectErrorBody(await analyst.get(`/v1/reports/${encodeURIComponent(id)}`), 404, 'not_found');
      expectErrorBody(await analyst.post(`/v1/reports/${encodeURIComponent(id)}/verdict`, { verdict: 'upheld', note: 'x' }), 404, 'not_found');
    },
  );

  it.each([
    ['a national number', '13800138000'],
    ['letters', 'abc'],
    ['"undefined"', 'undefined'],
    ['"null"', 'null'],
    ['too short', '%2B1'],
    ['too long', `%2B${'1'.repeat(20)}`],
    ['a space-encoded plus', '%208613800138000'],
  ])('answers a path number with %s with 400 invalid_phone_number', async (_name, value) => {
    for (const path of [`/v1/numbers/${value}`, `/v1/numbers/${value}/score`, `/v1/numbers/${value}/reports`]) {
      expectErrorBody(await analyst.get(path), 400, 'invalid_phone_number');
    }
    expectErrorBody(await analyst.post(`/v1/numbers/${value}/suspend`, { reason: 'x' }), 400, 'invalid_phone_number');
  });

  it.each<[string, unknown]>([
    ['no verdict', { note: 'x' }],
    ['an unknown verdict', { verdict: 'guilty', note: 'x' }],
    ['no note', { verdict: 'upheld' }],
    ['an empty note', { verdict: 'upheld', note: '' }],
    ['a numeric note', { verdict: 'upheld', note: 5 }],
    ['an unknown field', { verdict: 'upheld', note: 'x', weight: 0 }],
  ])('refuses a verdict with %s (400), leaving the report without one', async (_name, body) => {
    expectErrorBody(await analyst.post(`/v1/reports/${reportId}/verdict`, body), 400, 'validation_failed');
    expect((await analyst.get(`/v1/reports/${reportId}`)).body.verdict).toBeNull();
  });

  it.each(['limit=0', 'limit=101', 'limit=x', 'cursor=%%%', 'extra=1'])('refuses the reports list query %s', async (query) => {
    const res = await analyst.get(`/v1/numbers/${phone}/reports?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.statusCode).toBe(400);
  });

  it('stored nothing from any refused request', async () => {
    const rows = await t.dataSource.query('SELECT count(*)::int AS n FROM reports');
    expect(rows[0].n).toBe(1);
  });
});
