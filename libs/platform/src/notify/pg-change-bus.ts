import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { EntityManager } from 'typeorm';
import { ChangeBus, ChangeEvent } from './change-bus';

export const CHANGE_CHANNEL = 'phonetrust_changes';

/**
 * PostgreSQL LISTEN/NOTIFY across every API process on one server. `pg_notify` inside the writing transaction
 * is delivered at commit, to every listener including this process; the publishing process also evicts at once. One dedicated connection listens and
 * reconnects with backoff; after a reconnect every cache is told to resync.
 */
export class PgChangeBus extends ChangeBus {
  private readonly logger = new Logger('ChangeBus');
  private client: Client | null = null;
  private isConnected = false;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private backoffMs = 100;

  constructor(private readonly url: string) {
    super();
  }

  get connected(): boolean {
    return this.isConnected;
  }

  async publish(manager: EntityManager, event: ChangeEvent): Promise<void> {
    // This process forgets at once, so its own next request reads the committed change (the notification
    // to itself arrives a moment after commit, and evicts again whatever a concurrent read cached meanwhile).
    this.dispatch(event);
    await manager.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, JSON.stringify(event)]);
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    this.isConnected = false;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, keepAlive: true, connectionTimeoutMillis: 3000 });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => {
      if (message.channel !== CHANGE_CHANNEL || !message.payload) return;
      try {
        this.dispatch(JSON.parse(message.payload) as ChangeEvent);
      } catch (error) {
        this.logger.warn(`ignored a malformed change notification: ${(error as Error).message}`);
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
      if (this.stopped) {
        await client.end();
        return;
      }
      this.client = client;
      this.isConnected = true;
      this.backoffMs = 100;
      // Whatever changed while we were not listening is unknown: start from nothing.
      this.resync();
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      this.scheduleReconnect((error as Error).message);
    }
  }

  private lost(client: Client, error?: Error): void {
    if (client !== this.client) return;
    this.client = null;
    this.isConnected = false;
    this.resync();
    client.end().catch(() => undefined);
    this.scheduleReconnect(error?.message ?? 'connection ended');
  }

  private scheduleReconnect(reason: string): void {
    if (this.stopped || this.retryTimer) return;
    this.logger.warn(`change listener disconnected (${reason}); retrying in ${this.backoffMs} ms`);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, this.backoffMs);
    this.retryTimer.unref();
    this.backoffMs = Math.min(this.backoffMs * 2, 5000);
  }
}
