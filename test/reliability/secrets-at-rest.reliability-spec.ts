import { randomBytes } from 'node:crypto';
import { FakeHttpServer } from '../support/fake-http-server';
import { newPhoneNumber } from '../support/report-factory';
import { ADMIN_KEY } from '../support/test-app';
import { waitFor } from '../support/wait-for';
import { ApiCluster, OTP_SECRET, REPORTER_SECRET } from './support/api-cluster';
import { recordFigure } from './support/figures';
import { PrivatePostgres } from './support/private-postgres';

/** A code as a whole token, not part of a longer number, a hex id or a timestamp's fraction. */
const tokenPattern = (code: string) => new RegExp(`(^|[^0-9A-Za-z.])${code}([^0-9A-Za-z]|$)`, 'm');

describe('secrets at rest', () => {
  it('leaves no plaintext code, reporter id or API key in a pg_dump or in the logs after a full run', async () => {
    const pg = await PrivatePostgres.create();
    const sms = await new FakeHttpServer().start();
    const events = await new FakeHttpServer().start();
    const cluster = await ApiCluster.start(2, {
      DATABASE_URL: pg.database(),
      SMS_PROVIDER: 'webhook',
      SMS_WEBHOOK_URL: `${sms.url}/sms`,
      EVENTS_WEBHOOK_URL: `${events.url}/events`,
      EVENTS_WEBHOOK_SECRET: 'reliability-events-secret',
      LOG_REQUESTS: 'all',
      LOG_LEVEL: 'debug',
    });
    try {
      const platformKey = await cluster.key('platform');
      const analystKey = await cluster.key('analyst');
      const platform = cluster.client(platformKey);
      const analyst = cluster.client(analystKey, 1);
      const codes: string[] = [];
      const reporterIds: string[] = [];

      for (let i = 0; i < 6; i++) {
        const phone = newPhoneNumber();
        const started = await platform.post('/v1/verifications', { merchantId: `secret-shop-${i}`, phoneNumber: phone });
        await waitFor(() => sms.requests.some((r) => JSON.parse(r.body).verificationId === started.body.id));
        const code = JSON.parse(sms.requests.find((r) => JSON.parse(r.body).verificationId === started.body.id)!.body).code;
        codes.push(code);
        // Half approved (sealed copy wiped), half left pending (sealed copy still stored, encrypted).
        if (i % 2 === 0) await platform.post(`/v1/verifications/${started.body.id}/check`, { code });
        else await platform.post(`/v1/verifications/${started.body.id}/check`, { code: code === '000000' ? '111111' : '000000' });

        for (let r = 0; r < 3; r++) {
          const reporterId = `consumer-${randomBytes(8).toString('hex')}`;
          reporterIds.push(reporterId);
          const filed = await platform.post('/v1/reports', { phoneNumber: phone, reporterId, category: 'harassment', description: 'rude calls' });
          await analyst.get(`/v1/reports/${filed.body.id}`);
        }
        await analyst.get(`/v1/numbers/${encodeURIComponent(phone)}/score`);
      }
      await waitFor(() => events.requests.length > 0, 10000, 'events');

      const dump = pg.dump('phonetrust');
      const logs = cluster.logs();
      const secrets = [ADMIN_KEY, platformKey, analystKey, OTP_SECRET, REPORTER_SECRET, 'reliability-events-secret', 'reliability-sms-secret'];
      for (const [where, text] of [['pg_dump', dump], ['logs', logs]] as const) {
        for (const code of codes) expect({ where, code, found: tokenPattern(code).test(text) }).toEqual({ where, code, found: false });
        for (const id of reporterIds) expect({ where, id, found: text.includes(id) }).toEqual({ where, id, found: false });
        for (const secret of secrets) expect({ where, secret: secret.slice(0, 6), found: text.includes(secret) }).toEqual({ where, secret: secret.slice(0, 6), found: false });
      }
      // The dump holds what it should: hashes and a sealed code, not nothing.
      expect(dump).toMatch(/[0-9a-f]{64}/);
      recordFigure('secrets', 'pg_dump and logs of 2 processes after verifications, reports and events', `${codes.length} codes, ${reporterIds.length} reporter ids and ${secrets.length} keys/secrets searched: none found (dump ${Math.round(dump.length / 1024)} KiB, logs ${Math.round(logs.length / 1024)} KiB)`);
    } finally {
      await cluster.stop();
      await sms.stop();
      await events.stop();
      pg.destroy();
    }
  });
});
