import fc from 'fast-check';
import { HttpClient } from '../support/http-client';
import { newPhoneNumber } from '../support/report-factory';
import { startTestApp, TestApp } from '../support/test-app';
import { recordFigure } from './support/figures';
import { Fixtures, methodOf, Role, ROUTES, RouteSpec, UNDOCUMENTED } from './support/route-catalogue';

const SQL_INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE reports; --",
  '" OR 1=1 --',
  "1; SELECT pg_sleep(5)",
  "' UNION SELECT key_hash FROM api_keys --",
  "$$; DELETE FROM numbers; $$",
  "\\'; --",
  "%27%20OR%201%3D1",
  "admin'--",
  "1' AND (SELECT 1 FROM pg_catalog.pg_tables)='1",
];
const SQL_ERROR_TEXT = /syntax error|SQLSTATE|relation "|column "|at character|QueryFailedError|duplicate key|violates/i;
const ID_PROBES = ['', 'undefined', 'null', '0', '%00', '..', 'NaN', '[object Object]', '00000000-0000-0000-0000-000000000000'];

describe('hostile input', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let clients: Record<Role | 'none', HttpClient>;
  let requests = 0;

  beforeAll(async () => {
    t = await startTestApp({
      SMS_PROVIDER: 'console',
      REPORT_LIMIT_REPORTER_PER_MINUTE: '5',
      VERIFY_LIMIT_NUMBER_SENDS_PER_HOUR: '5',
    });
    clients = {
      none: t.anonymous,
      admin: t.admin,
      platform: await t.clientFor('platform'),
      analyst: await t.clientFor('analyst'),
    };
    const phone = newPhoneNumber();
    const verification = await clients.platform.post('/v1/verifications', { merchantId: 'fixture', phoneNumber: phone });
    const reported = await clients.platform.post('/v1/reports', {
      phoneNumber: phone,
      reporterId: 'fixture-reporter',
      category: 'threat',
      evidence: { interactionId: 'fixture-call', attested: true },
    });
    const key = await t.admin.post('/v1/api-keys', { name: 'fixture', role: 'analyst' });
    const cases = await clients.analyst.get('/v1/cases?status=open');
    const caseId = cases.body.items.find((c: { phoneNumber: string }) => c.phoneNumber === phone)?.id;
    if (!caseId) throw new Error(`no case for the fixture number: ${cases.text}`);
    fixtures = { phone, verificationId: verification.body.id, reportId: reported.body.id, keyId: key.body.id, caseId };
  });
  afterAll(async () => {
    await t?.dispose();
    recordFigure('hostile input', 'requests sent by the hostile-input battery', `${requests} requests, no 5xx`);
  });

  async function send(client: HttpClient, route: string, path: string, body?: unknown, options: { raw?: string; headers?: Record<string, string> } = {}) {
    requests++;
    const res = await client.request(methodOf(route), path, body, options);
    return res;
  }

  function expectClean(res: { status: number; text: string }, what: string) {
    if (res.status >= 500) throw new Error(`${what} answered ${res.status}: ${res.text.slice(0, 300)}`);
    expect(res.text).not.toMatch(SQL_ERROR_TEXT);
  }

  const withQuery = (path: string, query?: Record<string, string>) => (query ? `${path}?${new URLSearchParams(query)}` : path);

  it('has a catalogue entry for every route the API serves (new routes must declare roles and be fuzzed)', async () => {
    const doc = (await t.anonymous.get('/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const served = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(served.filter((route) => !ROUTES[route])).toEqual([]);
    expect(Object.keys(ROUTES).filter((route) => !served.includes(route))).toEqual([]);
  });

  it('enforces the role of every route (the role × route matrix)', async () => {
    const matrix: string[] = [];
    for (const [route, spec] of Object.entries({ ...ROUTES, ...UNDOCUMENTED })) {
      const sample = spec.sample(fixtures);
      for (const who of ['none', 'platform', 'analyst', 'admin'] as const) {
        const res = await send(clients[who], route, withQuery(sample.path, sample.query), sample.body);
        const allowed = spec.access === 'public' || who === 'admin' || (who !== 'none' && spec.access.includes(who));
        const expected = allowed ? 'allowed' : who === 'none' ? 401 : 403;
        const got = res.status === 401 || res.status === 403 ? res.status : 'allowed';
        if (got !== expected) matrix.push(`${route} as ${who}: expected ${expected}, got ${res.status}`);
        expectClean(res, `${route} as ${who}`);
      }
    }
    expect(matrix).toEqual([]);
  });

  it('never answers 5xx to arbitrary JSON bodies and path values (property-based)', async () => {
    const pathValue = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom(...ID_PROBES, ...SQL_INJECTIONS, '+8613800138000', '１２３'));
    for (const [route, spec] of Object.entries(ROUTES)) {
      const method = methodOf(route);
      const sample = spec.sample(fixtures);
      const params = Object.entries(spec.pathParams ?? {});
      const body =
        method === 'POST'
          ? fc.oneof(
              fc.jsonValue(),
              fc.dictionary(fc.constantFrom(...Object.keys(sample.body ?? { x: 1 }), 'extra'), fc.jsonValue()),
              fc.record(Object.fromEntries(Object.keys(sample.body ?? {}).map((k) => [k, fc.oneof(fc.string(), fc.jsonValue())]))),
            )
          : fc.constant(undefined);
      await fc.assert(
        fc.asyncProperty(body, pathValue, fc.nat(Math.max(params.length - 1, 0)), async (b, value, which) => {
          const path = params.length ? params[which][1](fixtures, value) : sample.path;
          const res = await send(t.admin, route, path, b === undefined ? undefined : b);
          expectClean(res, `${route} ${path} ${JSON.stringify(b)?.slice(0, 200)}`);
        }),
        { numRuns: 25 },
      );
    }
  });

  it('treats SQL in every string field and query parameter as a literal', async () => {
    for (const [route, spec] of Object.entries(ROUTES)) {
      const sample = spec.sample(fixtures);
      for (const payload of SQL_INJECTIONS) {
        for (const field of Object.keys(sample.body ?? {})) {
          const res = await send(t.admin, route, withQuery(sample.path, sample.query), { ...sample.body, [field]: payload });
          expectClean(res, `${route} ${field}=${payload}`);
        }
        for (const param of Object.keys(sample.query ?? {})) {
          const res = await send(t.admin, route, withQuery(sample.path, { ...sample.query, [param]: payload }), sample.body);
          expectClean(res, `${route} ?${param}=${payload}`);
        }
        for (const [, build] of Object.entries(spec.pathParams ?? {})) {
          const res = await send(t.admin, route, build(fixtures, payload), sample.body);
          expectClean(res, `${route} path=${payload}`);
        }
      }
    }
    // The tables the payloads name are all still there and whole.
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM reports WHERE id = $1`, [fixtures.reportId]);
    expect(count).toBe(1);
  });

  it('refuses prototype keys, deep nesting, oversized bodies and wrong content types on every body route', async () => {
    const posts = Object.entries(ROUTES).filter(([route]) => methodOf(route) === 'POST');
    const deep = `{"a":${'['.repeat(20000)}${']'.repeat(20000)}}`;
    for (const [route, spec] of posts) {
      const { path } = spec.sample(fixtures);
      for (const raw of ['{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '{"a":{"b":{"__proto__":{"polluted":1}}}}']) {
        const res = await send(t.admin, route, path, undefined, { raw, headers: { 'content-type': 'application/json' } });
        expect([400, 401, 403]).toContain(res.status);
      }
      const nested = await send(t.admin, route, path, undefined, { raw: deep, headers: { 'content-type': 'application/json' } });
      expect(nested.status).toBe(400);
      const big = await send(t.admin, route, path, undefined, { raw: JSON.stringify({ x: 'y'.repeat(70 * 1024) }), headers: { 'content-type': 'application/json' } });
      expect(big.status).toBe(413);
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=z']) {
        const wrong = await send(t.admin, route, path, undefined, { raw: 'a=1', headers: { 'content-type': type } });
        expect(wrong.status).toBe(415);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await t.anonymous.get('/health/live')).status).toBe(200);
  });

  it('never lets an id of "", "undefined" or "null" reach another row', async () => {
    for (const [route, spec] of Object.entries(ROUTES)) {
      const sample = spec.sample(fixtures);
      for (const [, build] of Object.entries(spec.pathParams ?? {})) {
        for (const probe of ID_PROBES) {
          const res = await send(t.admin, route, build(fixtures, probe), sample.body);
          expectClean(res, `${route} with ${JSON.stringify(probe)}`);
          // A probe never names a row: no route answers it with data of one.
          if (res.status === 200 && typeof res.body === 'object' && res.body !== null) {
            expect(JSON.stringify(res.body)).not.toContain(fixtures.verificationId);
            expect(JSON.stringify(res.body)).not.toContain(fixtures.reportId);
          }
        }
      }
    }
  });

  it('does not let X-Forwarded-For rotation escape per-subject limits', async () => {
    const reporterId = `rotating-${Date.now()}`;
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await send(clients.platform, 'POST /v1/reports', '/v1/reports', { phoneNumber: newPhoneNumber(), reporterId, category: 'spam' }, {
        headers: { 'x-forwarded-for': `198.51.100.${i}`, 'x-real-ip': `198.51.100.${i}` },
      });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);

    const phone = newPhoneNumber();
    const starts: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await send(clients.platform, 'POST /v1/verifications', '/v1/verifications', { merchantId: `xff-${i}`, phoneNumber: phone, clientIp: `198.51.100.${i}` }, {
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
      });
      starts.push(res.status);
    }
    expect(starts.filter((s) => s === 201)).toHaveLength(5);
    expect(starts.slice(5)).toEqual([429, 429, 429]);
  });
});
