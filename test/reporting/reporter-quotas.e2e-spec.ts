import { createHmac, randomBytes } from 'node:crypto';
import { HttpClient } from '../support/http-client';
import { newPhoneNumber, newReporterId, reportBody } from '../support/report-factory';
import { startTestApp, TestApp } from '../support/test-app';

const REPORTER_ID_SECRET = 'reporter-secret-for-tests-0123456789abcdef';
const hashOf = (reporterId: string) => createHmac('sha256', REPORTER_ID_SECRET).update(reporterId, 'utf8').digest('hex');

describe("a reporter's quotas, on the reporter's row (SPEC §5: 5 reports a minute, 20 a day)", () => {
  let t: TestApp;
  let platform: HttpClient;

  beforeAll(async () => {
    t = await startTestApp({ REPORTER_ID_SECRET, SCORE_SCHEDULER_ENABLED: 'false' });
    platform = await t.clientFor('platform');
  });
  afterAll(() => t.dispose());

  const file = (reporterId: string) => platform.post('/v1/reports', reportBody(newPhoneNumber(), { reporterId }));
  /** Time passing, as far as the reporter's windows can tell: the named windows end a second ago. */
  const end = (reporterId: string, windows: ('minute' | 'day')[]) =>
    t.dataSource.query(`UPDATE reporters SET ${windows.map((w) => `${w}_ends_at = clock_timestamp() - interval '1 second'`).join(', ')} WHERE reporter_hash = $1`, [
      hashOf(reporterId),
    ]);
  const windowsOf = async (reporterId: string) =>
    (await t.dataSource.query('SELECT minute_reports, day_reports FROM reporters WHERE reporter_hash = $1', [hashOf(reporterId)]))[0];

  it('starts the minute window again once it has ended, and holds the day quota across minutes', async () => {
    const reporterId = newReporterId('daily');
    const statuses: number[] = [];
    for (let minute = 0; minute < 4; minute++) {
      for (let i = 0; i < 5; i++) statuses.push((await file(reporterId)).status);
      await end(reporterId, ['minute']);
    }
    expect(statuses).toEqual(Array(20).fill(201));

    const refused = await file(reporterId);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'rate_limited', scope: 'reporter' });
    // The minute window had ended: it is the day's that refuses, so the client is told to wait for the day's end.
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(60);
    expect(retryAfter).toBeLessThanOrEqual(86400);
    // The refused report was not counted: its transaction rolled the count back.
    expect(await windowsOf(reporterId)).toEqual({ minute_reports: 5, day_reports: 20 });
  });

  it('lets the reporter report again once the day window has ended', async () => {
    const reporterId = newReporterId('next-day');
    for (let i = 0; i < 5; i++) expect((await file(reporterId)).status).toBe(201);
    expect((await file(reporterId)).status).toBe(429);
    await end(reporterId, ['minute', 'day']);
    expect((await file(reporterId)).status).toBe(201);
    expect(await windowsOf(reporterId)).toEqual({ minute_reports: 1, day_reports: 1 });
  });
});

const stores: [string, Record<string, string>][] = [['PostgreSQL', {}]];
if (process.env.TEST_REDIS_URL) stores.push(['Redis', { REDIS_URL: process.env.TEST_REDIS_URL }]);

describe.each(stores)("a report the reporter's quota refuses costs the client IP's limit nothing (IP limit on %s)", (_store, env) => {
  let t: TestApp;
  let platform: HttpClient;

  beforeAll(async () => {
    t = await startTestApp({ ...env, REPORTER_ID_SECRET, SCORE_SCHEDULER_ENABLED: 'false', REPORT_LIMIT_REPORTER_PER_MINUTE: '1', REPORT_LIMIT_IP_PER_HOUR: '2' });
    platform = await t.clientFor('platform');
  });
  afterAll(() => t.dispose());

  it('refuses by the reporter first, and charges the IP only for the reports it lets through', async () => {
    // A fresh address each run: Redis keeps its counters between test runs.
    const clientIp = `2001:db8::${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;
    const file = (reporterId: string) => platform.post('/v1/reports', reportBody(newPhoneNumber(), { reporterId, clientIp }));
    const [first, second, third] = [newReporterId('ip-a'), newReporterId('ip-b'), newReporterId('ip-c')];

    expect((await file(first)).status).toBe(201);
    const byReporter = await file(first);
    expect(byReporter.status).toBe(429);
    expect(byReporter.body.scope).toBe('reporter');
    // Had the refused report been charged to the IP, its two reports an hour would be spent here.
    expect((await file(second)).status).toBe(201);
    const byIp = await file(third);
    expect(byIp.status).toBe(429);
    expect(byIp.body.scope).toBe('ip');
  });
});
