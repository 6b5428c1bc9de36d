import { verifyWebhook } from '@phonetrust/platform';
import { FakeHttpServer, RecordedRequest } from '../support/fake-http-server';
import { waitFor } from '../support/wait-for';
import { freshMobile, VerificationFixture } from '../verification/verification-fixture';

const SECRET = 'events-secret-for-tests';

const bodyOf = (r: RecordedRequest) => JSON.parse(r.body);
const signed = (r: RecordedRequest) => verifyWebhook(SECRET, r.body, r.headers['x-phonetrust-signature'] as string, Math.floor(r.at / 1000));

describe('events to the platform (SPEC §7)', () => {
  const receiver = new FakeHttpServer();
  const f = new VerificationFixture();

  beforeAll(async () => {
    await receiver.start();
    await f.start({
      EVENTS_WEBHOOK_URL: `${receiver.url}/events`,
      EVENTS_WEBHOOK_SECRET: SECRET,
      OUTBOX_BACKOFF_BASE_MS: '20',
      OUTBOX_BACKOFF_CAP_MS: '100',
      OUTBOX_MAX_ATTEMPTS: '6',
    });
  });
  afterAll(async () => {
    await f.stop();
    await receiver.stop();
  });

  const eventsFor = (phone: string) => receiver.requests.filter((r) => bodyOf(r).data?.phoneNumber === phone);

  it('delivers signed events, retrying a failing receiver with the same id, and never again after success', async () => {
    receiver.queue({ kind: 'respond', status: 503 }, { kind: 'reset' }, { kind: 'respond', status: 500 });
    const phone = freshMobile();
    const verificationId = await f.verify('events-shop', phone);

    await waitFor(() => eventsFor(phone).some((r) => r.status === 200), 15000, 'the event to be delivered');
    await new Promise((r) => setTimeout(r, 500));
    const attempts = eventsFor(phone);
    expect(attempts).toHaveLength(4);
    expect(attempts.map((r) => r.status)).toEqual([503, null, 500, 200]);
    expect(attempts.every(signed)).toBe(true);
    expect(new Set(attempts.map((r) => r.body)).size).toBe(1);
    const event = bodyOf(attempts[0]);
    expect(event).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'verification.approved',
      occurredAt: expect.any(String),
      data: expect.objectContaining({ verificationId, merchantId: 'events-shop', phoneNumber: phone }),
    });
    expect(attempts[0].headers['x-phonetrust-event-id']).toBe(event.id);
    const [row] = await f.t.dataSource.query(`SELECT status, attempts FROM outbox WHERE payload->>'id' = $1`, [event.id]);
    expect(row).toEqual({ status: 'delivered', attempts: 4 });
  });

  it('delivers each kind of event of an ownership transfer once', async () => {
    const phone = freshMobile();
    await f.verify('first', phone);
    await f.verify('second', phone);
    await waitFor(() => eventsFor(phone).filter((r) => r.status === 200).length === 3);
    await new Promise((r) => setTimeout(r, 300));
    const delivered = eventsFor(phone).filter((r) => r.status === 200).map(bodyOf);
    expect(delivered.map((e) => e.type).sort()).toEqual(['phone.revoked', 'verification.approved', 'verification.approved']);
    expect(new Set(delivered.map((e) => e.id)).size).toBe(3);
  });

  it('keeps an event the receiver never accepts as a dead letter, visible in metrics', async () => {
    const phone = freshMobile();
    receiver.respond = (r) => (bodyOf(r).data?.phoneNumber === phone ? { kind: 'respond', status: 500 } : undefined);
    try {
      await f.verify('dead-letter', phone);
      await waitFor(async () => {
        const rows = await f.t.dataSource.query(`SELECT status FROM outbox WHERE topic = 'event' AND aggregate_id = $1`, [phone]);
        return rows[0]?.status === 'dead';
      });
      expect(eventsFor(phone)).toHaveLength(6);
      const metrics = await f.t.anonymous.get('/metrics');
      expect(metrics.text).toMatch(/phonetrust_outbox_messages\{topic="event",status="dead"\} 1/);
      expect(metrics.text).toMatch(/phonetrust_outbox_deliveries_total\{topic="event",outcome="dead"\} 1/);
    } finally {
      receiver.respond = null;
    }
  });
});

describe('events without a receiver', () => {
  const f = new VerificationFixture();
  beforeAll(() => f.start());
  afterAll(() => f.stop());

  it('records and discards them', async () => {
    const phone = freshMobile();
    await f.verify('nobody-listens', phone);
    await waitFor(async () => (await f.t.dataSource.query(`SELECT status FROM outbox WHERE topic = 'event' AND aggregate_id = $1`, [phone]))[0]?.status === 'discarded');
  });
});
