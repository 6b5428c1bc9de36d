import { INestApplicationContext, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeliveryOutcome, MetricsRegistry, Outbox, OutboxDispatcher, OutboxHandler, OutboxMessage } from '@phonetrust/platform';
import { createPlatformContext } from '../support/platform-context';
import { createTestDatabase, TestDatabase, usingPostgres } from '../support/test-database';
import { waitFor } from '../support/wait-for';

/** A handler whose behaviour each test scripts per message `payload.plan`. */
@Injectable()
class ScriptedHandler implements OutboxHandler, OnModuleInit {
  readonly topic = 'test';
  readonly deliveries: { id: string; attempts: number; pid: string }[] = [];
  static instanceTag = '';
  readonly tag = ScriptedHandler.instanceTag;

  constructor(private readonly dispatcher: OutboxDispatcher) {}

  onModuleInit(): void {
    this.dispatcher.register(this);
  }

  async deliver(message: OutboxMessage): Promise<DeliveryOutcome> {
    this.deliveries.push({ id: message.id, attempts: message.attempts, pid: this.tag });
    const plan: string = message.payload.plan;
    if (plan === 'fail-twice' && message.attempts <= 2) return { kind: 'retry', error: `attempt ${message.attempts} failed`, delayMs: 10 };
    if (plan === 'dead') return { kind: 'dead', error: 'refused for good' };
    if (plan === 'discard') return { kind: 'discard', reason: 'nothing to send' };
    if (plan === 'always-fail') return { kind: 'retry', error: 'still down', delayMs: 10 };
    if (plan === 'throw') throw new Error('handler crashed');
    return { kind: 'delivered' };
  }
}

async function start(db: TestDatabase, tag: string, env: Record<string, string> = {}) {
  ScriptedHandler.instanceTag = tag;
  const context = await createPlatformContext({ ...db.env, OUTBOX_POLL_INTERVAL_MS: '50', OUTBOX_MAX_ATTEMPTS: '4', OUTBOX_BACKOFF_BASE_MS: '10', ...env }, [ScriptedHandler]);
  return { context, handler: context.get(ScriptedHandler), dataSource: context.get(DataSource), outbox: context.get(Outbox) };
}

async function enqueue(context: INestApplicationContext, plans: string[]): Promise<string[]> {
  const dataSource = context.get(DataSource);
  const outbox = context.get(Outbox);
  return dataSource.transaction(async (tx) => {
    const ids: string[] = [];
    for (const plan of plans) ids.push(await outbox.enqueue(tx, { topic: 'test', type: 'test.message', payload: { plan } }));
    return ids;
  });
}

async function statusOf(dataSource: DataSource, id: string) {
  const [row] = await dataSource.query('SELECT status, attempts, last_error FROM outbox WHERE id = $1', [id]);
  return row;
}

describe('outbox dispatcher', () => {
  let db: TestDatabase;
  let app: Awaited<ReturnType<typeof start>>;

  beforeAll(async () => {
    db = await createTestDatabase({ persistent: true });
    app = await start(db, 'a');
  });
  afterAll(async () => {
    await app?.context.close();
    await db.drop();
  });

  it('delivers after commit, and never what was rolled back', async () => {
    const [id] = await enqueue(app.context, ['ok']);
    await app.dataSource
      .transaction(async (tx) => {
        await app.outbox.enqueue(tx, { topic: 'test', type: 'test.message', payload: { plan: 'rolled-back' } });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    await waitFor(async () => (await statusOf(app.dataSource, id)).status === 'delivered');
    const rows = await app.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE payload->>'plan' = 'rolled-back'`);
    expect(rows[0].n).toBe(0);
  });

  it('retries with backoff until delivered, the same message each time', async () => {
    const [id] = await enqueue(app.context, ['fail-twice']);
    await waitFor(async () => (await statusOf(app.dataSource, id)).status === 'delivered');
    expect(app.handler.deliveries.filter((d) => d.id === id).map((d) => d.attempts)).toEqual([1, 2, 3]);
  });

  it('keeps dead letters, counts them, and records discards', async () => {
    const [dead, exhausted, discarded, crashed] = await enqueue(app.context, ['dead', 'always-fail', 'discard', 'throw']);
    await waitFor(async () => (await statusOf(app.dataSource, exhausted)).status === 'dead');
    await waitFor(async () => (await statusOf(app.dataSource, crashed)).status === 'dead');
    expect(await statusOf(app.dataSource, dead)).toMatchObject({ status: 'dead', attempts: 1, last_error: 'refused for good' });
    expect(await statusOf(app.dataSource, exhausted)).toMatchObject({ status: 'dead', attempts: 4 });
    expect((await statusOf(app.dataSource, crashed)).last_error).toContain('handler crashed');
    expect(await statusOf(app.dataSource, discarded)).toMatchObject({ status: 'discarded', last_error: 'nothing to send' });
    const metrics = await app.context.get(MetricsRegistry).registry.metrics();
    expect(metrics).toMatch(/phonetrust_outbox_deliveries_total\{topic="test",outcome="dead"\} [3-9]/);
    expect(metrics).toMatch(/phonetrust_outbox_messages\{topic="test",status="dead"\} 3/);
  });

  it('hands a message over when its claimer dies holding the lease', async () => {
    await app.context.close();
    // A "crashed" process: claims directly and never settles.
    const crashed = await start(db, 'crashed', { OUTBOX_DISPATCHER_ENABLED: 'false' });
    const [id] = await enqueue(crashed.context, ['ok']);
    await crashed.dataSource.query(`UPDATE outbox SET attempts = 1, lease_until = clock_timestamp() + interval '1 second' WHERE id = $1`, [id]);
    await crashed.context.close();
    app = await start(db, 'b');
    await waitFor(async () => (await statusOf(app.dataSource, id)).status === 'delivered');
    expect(app.handler.deliveries.find((d) => d.id === id)?.attempts).toBe(2);
  });

  (usingPostgres ? it : it.skip)('shares the work between processes, each message delivered once', async () => {
    const second = await start(db, 'c');
    try {
      const ids = await enqueue(app.context, Array.from({ length: 200 }, () => 'ok'));
      await waitFor(async () => {
        const [row] = await app.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE id = ANY($1) AND status = 'delivered'`, [ids]);
        return row.n === ids.length;
      });
      const all = [...app.handler.deliveries, ...second.handler.deliveries].filter((d) => ids.includes(d.id));
      expect(all).toHaveLength(ids.length);
      expect(new Set(all.map((d) => d.id)).size).toBe(ids.length);
      expect(second.handler.deliveries.length).toBeGreaterThan(0);
      expect(app.handler.deliveries.filter((d) => ids.includes(d.id)).length).toBeGreaterThan(0);
    } finally {
      await second.context.close();
    }
  });
});
