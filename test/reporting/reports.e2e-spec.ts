import { createHmac } from 'node:crypto';
import { HttpClient } from '../support/http-client';
import { newPhoneNumber, newReporterId, reportBody, trustedAttestedScam } from '../support/report-factory';
import { startTestApp, TestApp } from '../support/test-app';

const REPORTER_ID_SECRET = 'reporter-secret-for-tests-0123456789abcdef';

describe('POST /v1/reports (SPEC §5)', () => {
  let t: TestApp;
  let platform: HttpClient;
  let analyst: HttpClient;

  beforeAll(async () => {
    t = await startTestApp({ REPORTER_ID_SECRET, SCORE_SCHEDULER_ENABLED: 'false' });
    platform = await t.clientFor('platform');
    analyst = await t.clientFor('analyst');
  });
  afterAll(() => t.dispose());

  it('records a report and answers 201 without revealing the state or the score', async () => {
    const phone = newPhoneNumber();
    const res = await platform.post('/v1/reports', {
      ...reportBody(`${phone.slice(0, 3)} (${phone.slice(3, 6)}) ${phone.slice(6, 10)}-${phone.slice(10)}`, { category: 'harassment', channel: 'call', description: '<b>he called</b> 12 times' }),
      occurredAt: new Date(Date.now() - 3600_000).toISOString(),
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      phoneNumber: phone,
      category: 'harassment',
      counted: true,
      duplicate: false,
      createdAt: expect.any(String),
    });
    const stored = await analyst.get(`/v1/reports/${res.body.id}`);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ id: res.body.id, phoneNumber: phone, description: '<b>he called</b> 12 times', channel: 'call', weight: 1.05 });
  });

  it('normalises national formats with a country', async () => {
    const res = await platform.post('/v1/reports', reportBody('138 0013 8000', { country: 'CN' }));
    expect(res.status).toBe(201);
    expect(res.body.phoneNumber).toBe('+8613800138000');
  });

  it('answers a repeat inside the dedupe window with the first report, not counted', async () => {
    const phone = newPhoneNumber();
    const body = reportBody(phone, { category: 'spam' });
    const first = await platform.post('/v1/reports', body);
    const again = await platform.post('/v1/reports', { ...body, category: 'scam', description: 'again' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, counted: false, duplicate: true });
    const number = await analyst.get(`/v1/numbers/${encodeURIComponent(phone)}`);
    expect(number.body).toMatchObject({ reportCount: 1, distinctReporters: 1 });
  });

  it('counts exactly one of 5 concurrent identical reports', async () => {
    const phone = newPhoneNumber();
    const body = reportBody(phone, { category: 'threat' });
    // distinct IPs so the per-IP limit is not what stops them; the reporter limit allows 5 a minute
    const results = await Promise.all(Array.from({ length: 5 }, () => platform.post('/v1/reports', body)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    const ids = new Set(results.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.body.counted)).toHaveLength(1);
    const rows = await t.dataSource.query('SELECT count(*)::int AS n FROM reports WHERE phone_number = $1', [phone]);
    expect(rows[0].n).toBe(1);
    const number = await analyst.get(`/v1/numbers/${phone}`);
    expect(number.body.reportCount).toBe(1);
  });

  it('replays an Idempotency-Key retry and refuses its reuse with another body (422)', async () => {
    const phone = newPhoneNumber();
    const body = reportBody(phone);
    const headers = { 'idempotency-key': `key-${phone}` };
    const first = await platform.post('/v1/reports', body, { headers });
    const retry = await platform.post('/v1/reports', body, { headers });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const reused = await platform.post('/v1/reports', { ...body, category: 'scam' }, { headers });
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ statusCode: 422, code: 'idempotency_key_reused', requestId: expect.any(String) });
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => platform.post('/v1/reports', reportBody(phone, { reporterId: 'same-key-reporter' }), { headers: { 'idempotency-key': `c-${phone}` } })));
    expect(new Set(concurrent.map((r) => r.body.id)).size).toBe(1);
    expect(concurrent.every((r) => r.status === 201)).toBe(true);
    const rows = await t.dataSource.query('SELECT count(*)::int AS n FROM reports WHERE phone_number = $1', [phone]);
    expect(rows[0].n).toBe(2);
  });

  it('charges the reporter once for concurrent retries of one Idempotency-Key', async () => {
    const reporterId = newReporterId('retrying');
    const body = reportBody(newPhoneNumber(), { reporterId });
    const retries = await Promise.all(Array.from({ length: 4 }, () => platform.post('/v1/reports', body, { headers: { 'idempotency-key': `retry-${reporterId}` } })));
    expect(retries.every((r) => r.status === 201)).toBe(true);
    // 5 a minute: the four retries spent one, so four more reports go through and the fifth is refused
    const next: number[] = [];
    for (let i = 0; i < 5; i++) next.push((await platform.post('/v1/reports', reportBody(newPhoneNumber(), { reporterId }))).status);
    expect(next).toEqual([201, 201, 201, 201, 429]);
  });

  it('limits a reporter to 5 reports a minute: 429 rate_limited, scope reporter, Retry-After', async () => {
    const reporterId = newReporterId('busy');
    const statuses: number[] = [];
    let refused: any;
    for (let i = 0; i < 7; i++) {
      const res = await platform.post('/v1/reports', reportBody(newPhoneNumber(), { reporterId }));
      statuses.push(res.status);
      if (res.status === 429) refused = res;
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429]);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'rate_limited', scope: 'reporter' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  });

  it('lets exactly 5 of 12 concurrent reports by one reporter through, and keeps none of the refused ones', async () => {
    const reporterId = newReporterId('burst');
    const phones = Array.from({ length: 12 }, () => newPhoneNumber());
    const results = await Promise.all(phones.map((phone) => platform.post('/v1/reports', reportBody(phone, { reporterId }))));
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status === 429)).toHaveLength(7);
    const rows = await t.dataSource.query('SELECT count(*)::int AS n FROM reports WHERE phone_number = ANY($1)', [phones]);
    expect(rows[0].n).toBe(5);
    const refusedPhones = phones.filter((_, i) => results[i].status === 429);
    const touched = await t.dataSource.query('SELECT count(*)::int AS n FROM numbers WHERE phone_number = ANY($1)', [refusedPhones]);
    expect(touched[0].n).toBe(0);
  });

  it('limits a client IP: 429 with scope ip', async () => {
    const clientIp = '203.0.113.77';
    const results: any[] = [];
    for (let i = 0; i < 31; i++) results.push(await platform.post('/v1/reports', reportBody(newPhoneNumber(), { clientIp })));
    expect(results.slice(0, 30).every((r) => r.status === 201)).toBe(true);
    expect(results[30].status).toBe(429);
    expect(results[30].body).toMatchObject({ code: 'rate_limited', scope: 'ip' });
    expect(results[30].headers.get('retry-after')).toBeTruthy();
    // another IP is not affected
    expect((await platform.post('/v1/reports', reportBody(newPhoneNumber(), { clientIp: '203.0.113.78' }))).status).toBe(201);
  });

  it('lets only the platform role file reports, and only analysts read them', async () => {
    const phone = newPhoneNumber();
    expect((await analyst.post('/v1/reports', reportBody(phone))).status).toBe(403);
    expect((await t.anonymous.post('/v1/reports', reportBody(phone))).status).toBe(401);
    const created = await platform.post('/v1/reports', reportBody(phone));
    expect((await platform.get(`/v1/reports/${created.body.id}`)).status).toBe(403);
    expect((await platform.get(`/v1/numbers/${phone}`)).status).toBe(403);
  });

  it('stores reporter ids only as their HMAC, in every table', async () => {
    const reporterId = `plaintext-consumer-${Date.now()}`;
    const phone = newPhoneNumber();
    expect((await platform.post('/v1/reports', { ...trustedAttestedScam(phone, reporterId), clientIp: '198.51.100.1' })).status).toBe(201);
    const hmac = createHmac('sha256', REPORTER_ID_SECRET).update(reporterId).digest('hex');
    const tables: { table_name: string }[] = await t.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    expect(tables.length).toBeGreaterThan(5);
    let hmacSeen = 0;
    for (const { table_name } of tables) {
      const [{ text }] = await t.dataSource.query(`SELECT coalesce(string_agg(x::text, ' '), '') AS text FROM "${table_name}" x`);
      expect(text.includes(reporterId)).toBe(false);
      if (text.includes(hmac)) hmacSeen++;
    }
    expect(hmacSeen).toBeGreaterThanOrEqual(2); // reporters, reports, contributions (and the limiter's keys)
  });

  it('documents the routes and their DTOs in OpenAPI', async () => {
    const doc = (await t.anonymous.get('/docs-json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/reports',
        '/v1/reports/{id}',
        '/v1/reports/{id}/verdict',
        '/v1/numbers/{phoneNumber}',
        '/v1/numbers/{phoneNumber}/score',
        '/v1/numbers/{phoneNumber}/reports',
        '/v1/numbers/{phoneNumber}/suspend',
        '/v1/numbers/{phoneNumber}/restrict',
        '/v1/numbers/{phoneNumber}/reinstate',
      ]),
    );
    expect(doc.components.schemas.FileReportDto.properties.category.enum).toEqual(['harassment', 'spam', 'scam', 'threat', 'impersonation', 'other']);
    expect(doc.components.schemas.FileReportDto.required).toEqual(expect.arrayContaining(['phoneNumber', 'reporterId', 'category']));
    expect(doc.components.schemas.ScoreExplanationDto.properties.fallsBelow).toBeDefined();
  });

  it('lists a number\'s reports newest first, paginated with a cursor', async () => {
    const phone = newPhoneNumber();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await platform.post('/v1/reports', reportBody(phone))).body.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await analyst.get(`/v1/numbers/${encodeURIComponent(phone)}/reports?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((r: any) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const bad = await analyst.get(`/v1/numbers/${encodeURIComponent(phone)}/reports?cursor=nope!`);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid_cursor');
  });
});
