import { randomUUID } from 'node:crypto';
import { ApiKeyGuard } from '@phonetrust/platform';
import { changeBusSettled } from '../support/change-bus-settled';
import { ApiResponse, HttpClient } from '../support/http-client';
import { newReporterId } from '../support/report-factory';
import { logLines, withLoggedApi } from '../support/logged-api';
import { waitFor } from '../support/wait-for';
import { freshMobile, VerificationFixture, wrongCodeFor } from './verification-fixture';

/**
 * POST /v1/verifications/{id}/check is answered from a Fastify hook once the caller's key is cached
 * (`installCheckFastPath`), and by the controller otherwise. Both must give the same answers: same statuses, bodies
 * and headers, same validation in the same order, same roles, and a refused body spends no attempt either way.
 */
describe('code check: the fast path answers as the controller does', () => {
  const f = new VerificationFixture();
  // Nest's guard runs only on the controller's way; the fast path checks the key itself.
  const controllerCalls = jest.spyOn(ApiKeyGuard.prototype, 'canActivate');

  beforeAll(() => f.start());
  afterAll(() => f.stop());
  beforeEach(() => controllerCalls.mockClear());

  /** A platform key never used yet: its first request goes to the controller and puts it in the cache. */
  const freshPlatform = async () => {
    const client = await f.t.clientFor('platform', `check-fast-path-${newReporterId('key')}`);
    await changeBusSettled(f.t.app);
    return client;
  };
  const headerNames = (res: ApiResponse) => [...res.headers.keys()].filter((h) => h !== 'date').sort();
  const withoutRequestId = (res: ApiResponse) => ({ ...res.body, requestId: undefined });
  const started = async () => {
    const res = await f.startVerification({ merchantId: `m-${newReporterId()}`, phoneNumber: freshMobile() });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, code: await f.codeFor(res.body.id) };
  };
  const check = (client: HttpClient, id: string, body: unknown) => client.post(`/v1/verifications/${id}/check`, body);

  it('answers a wrong code and a right one from the hook, with the body and headers the controller gives', async () => {
    const [a, b] = [await started(), await started()];
    const platform = await freshPlatform();
    controllerCalls.mockClear();
    const controller = await check(platform, a.id, { code: wrongCodeFor(a.code) });
    expect(controllerCalls).toHaveBeenCalledTimes(1);
    const hook = await check(platform, b.id, { code: wrongCodeFor(b.code) });
    expect(controllerCalls).toHaveBeenCalledTimes(1);

    expect(controller.status).toBe(200);
    expect(controller.body).toEqual({ id: a.id, status: 'pending', valid: false, attemptsRemaining: 4 });
    expect({ status: hook.status, body: hook.body }).toEqual({ status: 200, body: { ...controller.body, id: b.id } });
    expect(Object.keys(hook.body)).toEqual(Object.keys(controller.body));
    expect(headerNames(hook)).toEqual(headerNames(controller));
    expect(hook.headers.get('content-type')).toBe(controller.headers.get('content-type'));

    const approved = await check(platform, b.id, { code: b.code });
    expect(controllerCalls).toHaveBeenCalledTimes(1);
    expect(approved.body).toEqual({ id: b.id, status: 'approved', valid: true, attemptsRemaining: 0 });
    const [binding] = await f.t.dataSource.query(`SELECT status FROM phone_bindings WHERE verification_id = $1`, [b.id]);
    expect(binding).toEqual({ status: 'verified' });
  });

  it('refuses what the controller refuses, in the same order, with the same error bodies, and spends no attempt', async () => {
    const v = await started();
    const unknown = randomUUID();
    const cases: [string, unknown][] = [
      [v.id, { code: '12' }],
      [v.id, { code: '12345678901' }],
      [v.id, { code: 123456 }],
      [v.id, { code: '12345a' }],
      [v.id, { code: '１２３４５６' }],
      [v.id, { code: null }],
      [v.id, {}],
      [v.id, { code: '123456', extra: 1 }],
      [v.id, [{ code: '123456' }]],
      [v.id, 'a string'],
      ['not-a-uuid', { code: '123456' }],
      ['not-a-uuid', { code: 'x' }],
      [unknown, { code: '123456' }],
      [unknown, { code: 'x' }],
    ];
    for (const [id, body] of cases) {
      const controller = await check(await freshPlatform(), id, body);
      const cached = await freshPlatform();
      await check(cached, unknown, {});
      controllerCalls.mockClear();
      const hook = await check(cached, id, body);
      expect(controllerCalls).not.toHaveBeenCalled();
      expect([400, 404]).toContain(hook.status);
      expect({ id, body, status: hook.status, answer: withoutRequestId(hook) }).toEqual({ id, body, status: controller.status, answer: withoutRequestId(controller) });
      expect(headerNames(hook)).toEqual(headerNames(controller));
    }
    // Nothing above was compared: the next wrong code is the first attempt spent.
    const next = await check(f.platform, v.id, { code: wrongCodeFor(v.code) });
    expect(next.body).toMatchObject({ status: 'pending', attemptsRemaining: 4 });
  });

  it('leaves keys it cannot vouch for to the guard: unknown keys, other roles', async () => {
    const v = await started();
    const body = { code: wrongCodeFor(v.code) };
    // Twice: the first answer also puts the analyst's key in the cache the fast path reads.
    expect((await check(f.analyst, v.id, body)).status).toBe(403);
    expect((await check(f.analyst, v.id, body)).status).toBe(403);
    expect((await f.analyst.post(`/v1/verifications/${v.id}/check`, body, { key: 'not-a-key-of-ours-0123456789' })).status).toBe(401);
    expect((await f.analyst.post(`/v1/verifications/${v.id}/check`, body, { key: null })).status).toBe(401);
    // Nothing was compared for them; admin keys may do anything.
    expect((await check(f.t.admin, v.id, body)).body).toMatchObject({ valid: false, attemptsRemaining: 4 });
    expect((await check(f.t.admin, v.id, { code: v.code })).body).toMatchObject({ status: 'approved', valid: true });
  });
});

describe('code check: request lines', () => {
  it('logs one line per check, from the hook or the controller, as for every other write', async () => {
    await withLoggedApi({ LOG_REQUESTS: 'writes' }, async (api, platform) => {
      const unknown = randomUUID();
      const paths = [`/v1/verifications/${unknown}/check`, `/v1/verifications/${unknown}/check`, '/v1/verifications/not-a-uuid/check'];
      const answers = [await platform.post(paths[0], { code: '123456' }), await platform.post(paths[1], { code: 'x' }), await platform.post(paths[2], { code: '123456' })];
      expect(answers.map((a) => a.status)).toEqual([404, 400, 404]);
      const ids = answers.map((a) => a.headers.get('x-request-id'));
      const checkLines = () => logLines(api).filter((line) => line.req?.url.endsWith('/check'));
      // A line is written once its response has gone, and reaches this process a moment later.
      await waitFor(() => checkLines().length >= 3, 5000, 'the request lines');
      await new Promise((resolve) => setTimeout(resolve, 200)); // a second line for any request would be here by now
      expect(checkLines().map((line) => [line.req!.id, line.req!.method, line.req!.url, line.res!.statusCode, line.level])).toEqual([
        [ids[0], 'POST', paths[0], 404, 40],
        [ids[1], 'POST', paths[1], 400, 40],
        [ids[2], 'POST', paths[2], 404, 40],
      ]);
    });
  });
});
