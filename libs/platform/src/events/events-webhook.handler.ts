import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EVENT_TOPIC, EventEnvelope } from '../outbox/domain-events';
import { OutboxDispatcher } from '../outbox/outbox-dispatcher';
import { DeliveryOutcome, OutboxHandler, OutboxMessage } from '../outbox/outbox-handler';
import { postJson } from '../webhooks/post-json';
import { eventsConfig, EventsConfig } from './events.config';

/**
 * Delivers events to EVENTS_WEBHOOK_URL (SPEC §7): `{id, type, occurredAt, data}`, signed, at least once. Any
 * non-2xx answer or timeout is retried with the dispatcher's capped exponential backoff, with the same body and
 * `id`, until it becomes a dead letter; once a delivery is recorded the event is never sent again.
 */
@Injectable()
export class EventsWebhookHandler implements OutboxHandler, OnModuleInit {
  readonly topic = EVENT_TOPIC;

  constructor(
    private readonly dispatcher: OutboxDispatcher,
    @Inject(eventsConfig.KEY) private readonly config: EventsConfig,
  ) {}

  onModuleInit(): void {
    this.dispatcher.register(this);
  }

  async deliver(message: OutboxMessage): Promise<DeliveryOutcome> {
    if (!this.config.url) return { kind: 'discard', reason: 'EVENTS_WEBHOOK_URL is not set' };
    const envelope = message.payload as EventEnvelope;
    const result = await postJson(this.config.url, envelope, {
      timeoutMs: this.config.timeoutMs,
      secret: this.config.secret,
      headers: { 'x-phonetrust-event-id': envelope.id, 'x-phonetrust-event-type': envelope.type },
    });
    return result.ok ? { kind: 'delivered' } : { kind: 'retry', error: result.error ?? 'delivery failed' };
  }
}
