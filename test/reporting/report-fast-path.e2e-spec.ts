import { ApiKeyGuard } from '@phonetrust/platform';
import { changeBusSettled } from '../support/change-bus-settled';
import { ApiResponse } from '../support/http-client';
import { newPhoneNumber, newReporterId, reportBody, trustedAttestedScam } from '../support/report-factory';
import { logLines, withLoggedApi } from '../support/logged-api';
import { startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * POST /v1/reports is answered from a Fastify hook once the caller's key is cached (`installReportFastPath`), and
 * by the controller otherwise. Both must give the same answers: same statuses, bodies and headers, same validation,
 * same limits, same roles.
 */
describe('report intake: the fast path answers as the controller does', () => {
  let t: TestApp;
  // Nest's guard runs only on the controller's way; the fast path checks the key itself.
  const controllerCalls = jest.spyOn(ApiKeyGuard.prototype, 'canActivate');

  beforeAll(async () => {
    t = await startTestApp({ REPORT_LIMIT_REPORTER_PER_MINUTE: '2', SCORE_SCHEDULER_ENABLED: 'false' });
  });
  afterAll(() => t?.dispose());
  beforeEach(() => controllerCalls.mockClear());

  /**
   * A platform key never used yet: its first request goes to the controller, and puts it in the cache. Creating a key
   * evicts its entry at once, and again when the change's notification comes back: it must be back before the first
   * request fills the cache, or the echo evicts the entry behind that request and the next one goes to the controller.
   */
  const freshPlatform = async () => {
    const client = await t.clientFor('platform', `fast-path-${newReporterId('key')}`);
    await changeBusSettled(t.app);
    return client;
  };
  const headerNames = (res: ApiResponse) => [...res.headers.keys()].filter((h) => h !== 'date').sort();
  const withoutRequestId = (res: ApiResponse) => ({ ...res.body, requestId: undefined });

  it('files a report from the hook with the body and headers the controller gives', async () => {
    const platform = await freshPlatform();
    controllerCalls.mockClear();
    const first = await platform.post('/v1/reports', trustedAttestedScam(newPhoneNumber()));
    expect(controllerCalls).toHaveBeenCalledTimes(1);
    const second = await platform.post('/v1/reports', trustedAttestedScam(newPhoneNumber()));
    expect(controllerCalls).toHaveBeenCalledTimes(1);

    expect([first.status, second.status]).toEqual([201, 201]);
    expect(Object.keys(second.body)).toEqual(Object.keys(first.body));
    expect(second.body).toEqual({ ...first.body, id: second.body.id, phoneNumber: second.body.phoneNumber, createdAt: second.body.createdAt });
    expect(headerNames(second)).toEqual(headerNames(first));
    expect(second.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(second.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    const stored = await t.dataSource.query(`SELECT count(*)::int AS n FROM reports WHERE id = ANY($1::uuid[])`, [[first.body.id, second.body.id]]);
    expect(stored).toEqual([{ n: 2 }]);
  });

  it('refuses what the controller refuses, with the same error bodies', async () => {
    const phone = newPhoneNumber();
    const bad: unknown[] = [
      { ...reportBody(phone), extra: 1 },
      { phoneNumber: phone, reporterId: newReporterId() },
      { ...reportBody(phone), evidence: { interactionId: 'x', attested: 'yes' } },
      { ...reportBody(phone), reporterContext: { accountAgeDays: 1e9, verifiedBuyer: true } },
      { ...reportBody(phone), occurredAt: new Date(Date.now() + 86_400_000).toISOString() },
      { ...reportBody(phone), clientIp: '999.1.1.1' },
      { ...reportBody('+1 not a number') },
      [reportBody(phone)],
      'a string',
    ];
    for (const body of bad) {
      const controller = await (await freshPlatform()).post('/v1/reports', body);
      const cached = await freshPlatform();
      await cached.post('/v1/reports', { bad: 'puts the key in the cache' });
      controllerCalls.mockClear();
      const hook = await cached.post('/v1/reports', body);
      expect(controllerCalls).not.toHaveBeenCalled();
      expect(hook.status).toBe(400);
      expect({ status: hook.status, body: withoutRequestId(hook) }).toEqual({ status: controller.status, body: withoutRequestId(controller) });
      expect(headerNames(hook)).toEqual(headerNames(controller));
    }
  });

  it('leaves keys it cannot vouch for to the guard: unknown keys, other roles', async () => {
    const analyst = await t.clientFor('analyst', 'fast-path-analyst');
    const body = reportBody(newPhoneNumber());
    // Twice: the first answer also puts the analyst's key in the cache the fast path reads.
    expect((await analyst.post('/v1/reports', body)).status).toBe(403);
    expect((await analyst.post('/v1/reports', body)).status).toBe(403);
    expect((await analyst.post('/v1/reports', body, { key: 'not-a-key-of-ours-0123456789' })).status).toBe(401);
    expect((await analyst.post('/v1/reports', body, { key: null })).status).toBe(401);
    // Admin keys may do anything.
    expect((await t.admin.post('/v1/reports', reportBody(newPhoneNumber()))).status).toBe(201);
    expect((await t.admin.post('/v1/reports', reportBody(newPhoneNumber()))).status).toBe(201);
    const count = await t.dataSource.query(`SELECT count(*)::int AS n FROM reports WHERE phone_number = $1`, [body.phoneNumber]);
    expect(count).toEqual([{ n: 0 }]);
  });

  it('replays on the hook a report the controller filed under an Idempotency-Key: the body hashes alike both ways', async () => {
    const platform = await freshPlatform();
    controllerCalls.mockClear();
    const body = trustedAttestedScam(newPhoneNumber());
    const headers = { 'idempotency-key': `both-ways-${newReporterId()}` };
    const first = await platform.post('/v1/reports', body, { headers });
    expect(controllerCalls).toHaveBeenCalledTimes(1);
    const retry = await platform.post('/v1/reports', body, { headers });
    expect(controllerCalls).toHaveBeenCalledTimes(1);
    expect(first.status).toBe(201);
    expect({ status: retry.status, body: retry.body }).toEqual({ status: first.status, body: first.body });
  });

  it('replays an Idempotency-Key and charges the rate limits as the controller does', async () => {
    const platform = await freshPlatform();
    await platform.post('/v1/reports', {});
    controllerCalls.mockClear();
    const body = reportBody(newPhoneNumber());
    const headers = { 'idempotency-key': `fast-${newReporterId()}` };
    const first = await platform.post('/v1/reports', body, { headers });
    const retry = await platform.post('/v1/reports', body, { headers });
    expect(first.status).toBe(201);
    expect({ status: retry.status, body: retry.body }).toEqual({ status: first.status, body: first.body });
    const conflicting = await platform.post('/v1/reports', { ...body, category: 'scam' }, { headers });
    expect(conflicting.status).toBe(422);
    expect(conflicting.body.code).toBe('idempotency_key_reused');

    // The reporter's second report this minute passes (the retry was not charged), the third is refused.
    expect((await platform.post('/v1/reports', { ...reportBody(newPhoneNumber()), reporterId: body.reporterId })).status).toBe(201);
    const limited = await platform.post('/v1/reports', { ...reportBody(newPhoneNumber()), reporterId: body.reporterId });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 'rate_limited', scope: 'reporter' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(controllerCalls).not.toHaveBeenCalled();
  });
});

describe('report intake: request lines', () => {
  it('logs one line per report, from the hook or the controller, as for every other write', async () => {
    await withLoggedApi({ LOG_REQUESTS: 'writes' }, async (api, platform) => {
      const phone = newPhoneNumber();
      const answers = [
        await platform.post('/v1/reports', reportBody(phone)),
        await platform.post('/v1/reports', reportBody(phone)),
        await platform.post('/v1/reports', { phoneNumber: phone }),
      ];
      await platform.get(`/v1/numbers/${encodeURIComponent(phone)}/display`);
      expect(answers.map((a) => a.status)).toEqual([201, 201, 400]);
      const ids = answers.map((a) => a.headers.get('x-request-id'));
      // A line is written once its response has gone, and reaches this process a moment later.
      await waitFor(() => logLines(api).filter((line) => line.req?.url === '/v1/reports').length >= 3, 5000, 'the request lines');
      const lines = logLines(api);
      const reportLines = lines.filter((line) => line.req?.url === '/v1/reports');
      expect(reportLines.map((line) => [line.req!.id, line.req!.method, line.res!.statusCode, line.level])).toEqual([
        [ids[0], 'POST', 201, 30],
        [ids[1], 'POST', 201, 30],
        [ids[2], 'POST', 400, 40],
      ]);
      // LOG_REQUESTS=writes: no line for the display check, nor anything holding the number in clear.
      expect(lines.filter((line) => line.req?.method === 'GET')).toEqual([]);
      expect(api.output()).not.toContain(phone);
    });
  });
});
