import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Outbox } from '@phonetrust/platform';
import { Channel } from './policy/number-policy';

export const SMS_TOPIC = 'sms';

/** What an SMS outbox row carries: which verification, how to reach it — never the code. */
export interface SmsPayload {
  verificationId: string;
  to: string;
  channel: Channel;
  locale: string;
}

/** Queues a send of a verification's code, in the transaction that decided it. */
@Injectable()
export class SmsOutbox {
  constructor(private readonly outbox: Outbox) {}

  async queue(tx: EntityManager, payload: SmsPayload, kind: 'initial' | 'resend'): Promise<void> {
    await this.outbox.enqueue(tx, { topic: SMS_TOPIC, type: `otp.${kind}`, payload, aggregateId: payload.verificationId });
  }
}
