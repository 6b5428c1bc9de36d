import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { EventsWebhookHandler } from './events-webhook.handler';

/** Sends the outbox's events to the platform. */
@Module({ imports: [OutboxModule], providers: [EventsWebhookHandler] })
export class EventsModule {}
