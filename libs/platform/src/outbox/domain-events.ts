import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Outbox } from './outbox';

export const EVENT_TOPIC = 'event';

/** The body POSTed to EVENTS_WEBHOOK_URL (SPEC §7); `id` is the same on every retry. */
export interface EventEnvelope<T = unknown> {
  id: string;
  type: string;
  occurredAt: string;
  data: T;
}

/** Records an event for the platform inside the transaction of the change it describes. */
@Injectable()
export class DomainEvents {
  constructor(private readonly outbox: Outbox) {}

  /** `occurredAt` defaults to now; a change discovered late (a decay exit written by the scheduler) gives its own time. */
  async record<T>(manager: EntityManager, type: string, data: T, aggregateId?: string, occurredAt?: string): Promise<EventEnvelope<T>> {
    const envelope: EventEnvelope<T> = { id: randomUUID(), type, occurredAt: occurredAt ?? new Date().toISOString(), data };
    await this.outbox.enqueue(manager, { topic: EVENT_TOPIC, type, payload: envelope, aggregateId });
    return envelope;
  }
}
