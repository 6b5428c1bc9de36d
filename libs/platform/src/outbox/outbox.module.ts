import { Module } from '@nestjs/common';
import { ChangeBusModule } from '../notify/change-bus.module';
import { DomainEvents } from './domain-events';
import { Outbox } from './outbox';
import { OutboxDispatcher } from './outbox-dispatcher';
import { OutboxRepository } from './outbox.repository';

@Module({
  imports: [ChangeBusModule],
  providers: [Outbox, OutboxRepository, OutboxDispatcher, DomainEvents],
  exports: [Outbox, OutboxDispatcher, DomainEvents],
})
export class OutboxModule {}
