import { Module } from '@nestjs/common';
import { ChangeBusModule } from '../notify/change-bus.module';
import { Outbox } from './outbox';
import { OutboxDispatcher } from './outbox-dispatcher';
import { OutboxRepository } from './outbox.repository';

@Module({
  imports: [ChangeBusModule],
  providers: [Outbox, OutboxRepository, OutboxDispatcher],
  exports: [Outbox, OutboxDispatcher],
})
export class OutboxModule {}
