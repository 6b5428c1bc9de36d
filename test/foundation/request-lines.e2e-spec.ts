import { storage } from 'nestjs-pino/storage';
import { logLines, withLoggedApi } from '../support/logged-api';
import { newPhoneNumber } from '../support/report-factory';
import { startTestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * Every request line comes from one Fastify hook (`installRequestLogging`), not from pino-http's middleware: routes
 * Nest answers, routes a hook answers and paths no route matches alike, with the request id the response carries, the
 * URL masked and the level by status.
 */
describe('request lines', () => {
  it('logs one line per request, whatever answered it, with its id, masked URL, status and level', async () => {
    await withLoggedApi({ LOG_REQUESTS: 'all' }, async (api, platform) => {
      const phone = newPhoneNumber();
      const answers = [
        await platform.get('/health/live', { key: null }),
        await platform.get(`/v1/numbers/${encodeURIComponent(phone)}/display`),
        await platform.get(`/v1/numbers/${encodeURIComponent(phone)}`),
        await platform.get('/v1/no-such-route'),
      ];
      expect(answers.map((a) => a.status)).toEqual([200, 200, 403, 404]);
      const ids = answers.map((a) => a.headers.get('x-request-id'));
      await waitFor(() => ids.every((id) => logLines(api).some((line) => line.req?.id === id)), 5000, 'the request lines');
      const lines = ids.map((id) => logLines(api).filter((line) => line.req?.id === id));
      expect(lines.map((found) => found.length)).toEqual([1, 1, 1, 1]);
      expect(lines.map(([line]) => [line.req!.method, line.res!.statusCode, line.level])).toEqual([
        ['GET', 200, 30],
        ['GET', 200, 30],
        ['GET', 403, 40],
        ['GET', 404, 40],
      ]);
      expect(lines[0][0].req!.url).toBe('/health/live');
      expect(lines[3][0].req!.url).toBe('/v1/no-such-route');
      // A number in a path is masked in its line, and appears nowhere in the output in clear.
      expect(lines[2][0].req!.url).toMatch(/^\/v1\/numbers\/%2B[0-9]+\*+[0-9]{4}$/);
      expect(api.output()).not.toContain(phone);
      expect(api.output()).not.toContain(encodeURIComponent(phone));
    });
  });

  it('logs no GET under LOG_REQUESTS=writes, and nothing under none', async () => {
    await withLoggedApi({ LOG_REQUESTS: 'writes' }, async (api, platform) => {
      const read = await platform.get('/health/live', { key: null });
      const write = await platform.post('/v1/reports', { phoneNumber: newPhoneNumber() });
      expect([read.status, write.status]).toEqual([200, 400]);
      await waitFor(() => logLines(api).some((line) => line.req?.id === write.headers.get('x-request-id')), 5000, 'the write line');
      expect(logLines(api).filter((line) => line.req?.method === 'GET')).toEqual([]);
    });
    await withLoggedApi({ LOG_REQUESTS: 'none' }, async (api, platform) => {
      const write = await platform.post('/v1/reports', { phoneNumber: newPhoneNumber() });
      expect(write.status).toBe(400);
      // The line would be written as the response goes; give it the time it takes elsewhere.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(logLines(api).filter((line) => line.req !== undefined)).toEqual([]);
    });
  });

  it("never enters nestjs-pino's async context, whatever route a request takes", async () => {
    // On Node 20 an AsyncLocalStorage once entered turns promise hooks on for every promise of the process (about a
    // tenth of a report's Node CPU); pino-http's middleware entered it for each request it served. `enabled` is the
    // storage's own flag on Node 20 (absent where the storage is built otherwise, and then this checks nothing).
    const test = await startTestApp({ LOG_REQUESTS: 'all' });
    try {
      const platform = await test.clientFor('platform');
      expect((await test.anonymous.get('/health/live')).status).toBe(200);
      expect((await test.admin.get('/v1/api-keys')).status).toBe(200);
      expect((await platform.get('/v1/no-such-route')).status).toBe(404);
      expect((await platform.post('/v1/reports', { phoneNumber: newPhoneNumber() })).status).toBe(400);
      expect((storage as unknown as { enabled?: boolean }).enabled).not.toBe(true);
    } finally {
      await test.dispose();
    }
  });
});
