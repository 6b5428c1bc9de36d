import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsRegistry } from '../metrics/metrics.registry';
import { ChangeBus } from '../notify/change-bus';
import { backoffDelayMs } from './backoff';
import { OUTBOX_TOPIC } from './outbox';
import { outboxConfig, OutboxConfig } from './outbox.config';
import { DeliveryOutcome, OutboxHandler, OutboxMessage } from './outbox-handler';
import { OutboxRepository } from './outbox.repository';

/**
 * Delivers outbox messages after commit, at least once, in every API process at the same time.
 * One loop per registered topic: claim a due batch with a lease, deliver each message, settle it
 * (delivered, retry with backoff, dead letter, discarded). A wake-up on the change bus makes a message
 * leave right after its transaction commits; polling is the fallback.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Outbox');
  private readonly handlers = new Map<string, OutboxHandler>();
  private readonly wakers = new Map<string, () => void>();
  private readonly loops: Promise<void>[] = [];
  private readonly deliveries: Counter<'topic' | 'outcome'>;
  private purgeTimer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly repository: OutboxRepository,
    private readonly bus: ChangeBus,
    @Inject(outboxConfig.KEY) private readonly config: OutboxConfig,
    metrics: MetricsRegistry,
  ) {
    this.deliveries = metrics.counter({
      name: 'phonetrust_outbox_deliveries_total',
      help: 'Outbox delivery attempts by topic and outcome (delivered, retry, dead, discard)',
      labelNames: ['topic', 'outcome'],
    });
    const repo = this.repository;
    metrics.gauge({
      name: 'phonetrust_outbox_messages',
      help: 'Outbox messages waiting (pending) or given up on (dead letters), by topic',
      labelNames: ['topic', 'status'],
      async collect() {
        this.reset();
        try {
          for (const row of await repo.countsByStatus()) this.set({ topic: row.topic, status: row.status }, row.count);
        } catch {
          // the database is down: report nothing rather than fail the scrape
        }
      },
    });
    bus.subscribe(OUTBOX_TOPIC, (event) => (event.key ? this.wakers.get(event.key)?.() : undefined));
  }

  /** Feature modules register their handler in onModuleInit. */
  register(handler: OutboxHandler): void {
    if (this.handlers.has(handler.topic)) throw new Error(`two outbox handlers for topic ${handler.topic}`);
    this.handlers.set(handler.topic, handler);
  }

  onApplicationBootstrap(): void {
    if (!this.config.dispatcherEnabled) return;
    this.running = true;
    for (const handler of this.handlers.values()) this.loops.push(this.loop(handler));
    this.purgeTimer = setInterval(() => void this.purge(), 10 * 60 * 1000);
    this.purgeTimer.unref();
  }

  /** Stops claiming and waits for the messages in hand (their lease would hand them over anyway). */
  async onModuleDestroy(): Promise<void> {
    this.running = false;
    if (this.purgeTimer) clearInterval(this.purgeTimer);
    for (const wake of this.wakers.values()) wake();
    await Promise.all(this.loops);
  }

  private async loop(handler: OutboxHandler): Promise<void> {
    let failures = 0;
    while (this.running) {
      let batch: OutboxMessage[];
      try {
        batch = await this.repository.claimDue(handler.topic, this.config.batchSize, this.config.leaseMs);
        failures = 0;
      } catch (error) {
        failures++;
        if (failures === 1) this.logger.warn(`claiming ${handler.topic} messages failed: ${(error as Error).message}`);
        await this.idle(handler.topic, Math.min(this.config.pollIntervalMs * 2 ** failures, 10000));
        continue;
      }
      if (batch.length === 0) {
        await this.idle(handler.topic, this.config.pollIntervalMs);
        continue;
      }
      await Promise.all(batch.map((message) => this.deliver(handler, message)));
    }
  }

  private async deliver(handler: OutboxHandler, message: OutboxMessage): Promise<void> {
    let outcome: DeliveryOutcome;
    try {
      outcome = await handler.deliver(message);
    } catch (error) {
      outcome = { kind: 'retry', error: (error as Error).message ?? String(error) };
    }
    if (outcome.kind === 'retry' && message.attempts >= this.config.maxAttempts) {
      outcome = { kind: 'dead', error: `gave up after ${message.attempts} attempts: ${outcome.error}` };
    }
    this.deliveries.inc({ topic: message.topic, outcome: outcome.kind });
    try {
      switch (outcome.kind) {
        case 'delivered':
          return await this.repository.markDelivered(message);
        case 'discard':
          return await this.repository.markDiscarded(message, outcome.reason);
        case 'dead':
          this.logger.warn(`${message.topic} message ${message.id} is a dead letter: ${outcome.error}`);
          return await this.repository.markDead(message, outcome.error);
        case 'retry': {
          const delay = outcome.delayMs ?? backoffDelayMs(message.attempts, { baseMs: this.config.backoffBaseMs, capMs: this.config.backoffCapMs });
          return await this.repository.scheduleRetry(message, delay, outcome.error, outcome.route ?? message.route);
        }
      }
    } catch (error) {
      // Could not record the outcome: the lease expires and the message is delivered again (at least once).
      this.logger.warn(`settling ${message.topic} message ${message.id} failed: ${(error as Error).message}`);
    }
  }

  private idle(topic: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(topic);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakers.set(topic, done);
    });
  }

  private async purge(): Promise<void> {
    try {
      await this.repository.purgeFinished(this.config.retentionHours);
    } catch (error) {
      this.logger.warn(`purging delivered messages failed: ${(error as Error).message}`);
    }
  }
}
