import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryOne } from '../database/query-rows';
import { ChangeBus } from '../notify/change-bus';

export const OUTBOX_TOPIC = 'outbox';

export interface OutboxEntry {
  topic: string;
  type: string;
  payload: unknown;
  aggregateId?: string;
}

/** Writes messages inside the caller's transaction: they exist, and leave, only if the change commits. */
@Injectable()
export class Outbox {
  constructor(private readonly bus: ChangeBus) {}

  async enqueue(manager: EntityManager, entry: OutboxEntry): Promise<string> {
    const row = await queryOne<{ id: string }>(
      manager,
      `INSERT INTO outbox (topic, type, aggregate_id, payload) VALUES ($1, $2, $3, $4) RETURNING id`,
      [entry.topic, entry.type, entry.aggregateId ?? null, JSON.stringify(entry.payload)],
    );
    // Wakes the dispatchers at commit instead of at their next poll.
    await this.bus.publish(manager, { topic: OUTBOX_TOPIC, key: entry.topic });
    return row!.id;
  }
}
