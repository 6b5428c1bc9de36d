import { verifyWebhook } from '@phonetrust/platform';
import { FakeHttpServer, RecordedRequest } from '../support/fake-http-server';
import { HttpClient } from '../support/http-client';
import { newPhoneNumber } from '../support/report-factory';
import { startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';
import { openCaseOf, reportStrongly } from './review-fixture';

const SECRET = 'review-events-secret-for-tests';

const bodyOf = (r: RecordedRequest) => JSON.parse(r.body);
const signed = (r: RecordedRequest) => verifyWebhook(SECRET, r.body, r.headers['x-phonetrust-signature'] as string, Math.floor(r.at / 1000));

describe('case events to the platform (SPEC §7)', () => {
  const receiver = new FakeHttpServer();
  let t: TestApp;
  let platform: HttpClient;
  let analyst: HttpClient;

  beforeAll(async () => {
    await receiver.start();
    t = await startTestApp({
      SCORE_SCHEDULER_ENABLED: 'false',
      EVENTS_WEBHOOK_URL: `${receiver.url}/events`,
      EVENTS_WEBHOOK_SECRET: SECRET,
      OUTBOX_POLL_INTERVAL_MS: '50',
      OUTBOX_BACKOFF_BASE_MS: '20',
      OUTBOX_BACKOFF_CAP_MS: '100',
    });
    platform = await t.clientFor('platform');
    analyst = await t.clientFor('analyst', 'analyst-eve');
  });
  afterAll(async () => {
    await t.dispose();
    await receiver.stop();
  });

  const delivered = (phone: string, type: string) =>
    receiver.requests.filter((r) => r.status === 200 && bodyOf(r).type === type && bodyOf(r).data?.phoneNumber === phone);

  it('delivers case.opened and case.resolved, signed, once each (a failed attempt retried with the same id)', async () => {
    const phone = newPhoneNumber();
    receiver.respond = (r) => (bodyOf(r).type === 'case.resolved' && !receiver.requests.some((p) => p !== r && bodyOf(p).type === 'case.resolved') ? { kind: 'respond', status: 503 } : undefined);
    try {
      await reportStrongly(platform, phone, 2);
      const caseId = await openCaseOf(analyst, phone);
      const resolved = await analyst.post(`/v1/cases/${caseId}/resolve`, { decision: 'reinstate', note: 'confirmed legitimate' });
      expect(resolved.status).toBe(200);

      await waitFor(() => delivered(phone, 'case.opened').length === 1 && delivered(phone, 'case.resolved').length === 1, 15000, 'both case events');
      const opened = delivered(phone, 'case.opened')[0];
      const closed = delivered(phone, 'case.resolved')[0];
      expect([opened, closed].every(signed)).toBe(true);
      expect(bodyOf(opened)).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        type: 'case.opened',
        occurredAt: expect.any(String),
        data: { caseId, phoneNumber: phone, priority: 1, reason: 'score_threshold' },
      });
      expect(bodyOf(closed)).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        type: 'case.resolved',
        occurredAt: expect.any(String),
        data: { caseId, phoneNumber: phone, decision: 'reinstate', state: 'ok', appeal: null, resolvedAt: resolved.body.resolvedAt },
      });
      expect(closed.headers['x-phonetrust-event-type']).toBe('case.resolved');
      expect(closed.headers['x-phonetrust-event-id']).toBe(bodyOf(closed).id);
      // The first attempt failed; the retry carried the same id and body.
      const attempts = receiver.requests.filter((r) => bodyOf(r).type === 'case.resolved' && bodyOf(r).data.phoneNumber === phone);
      expect(attempts.map((r) => r.status)).toEqual([503, 200]);
      expect(new Set(attempts.map((r) => r.body)).size).toBe(1);
      // The analyst's note is not the platform's business.
      expect(closed.body).not.toContain('confirmed legitimate');
      // The reinstatement's transition went out too, naming no case (it was closing), like the escalations before it.
      await waitFor(() => delivered(phone, 'number.state_changed').length === 3, 15000, 'the state changes');
      const changes = delivered(phone, 'number.state_changed').map((r) => bodyOf(r).data);
      expect(changes.map((d) => `${d.from}>${d.to}`).sort()).toEqual(['ok>watch', 'review>ok', 'watch>review']);
      expect(changes.find((d) => d.to === 'review').caseId).toBe(caseId);
    } finally {
      receiver.respond = null;
    }
  });
});
