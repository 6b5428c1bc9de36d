import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { backoffDelayMs, DeliveryOutcome, OutboxDispatcher, OutboxHandler, OutboxMessage } from '@phonetrust/platform';
import { OtpCodec } from '../otp/otp-codec';
import { effectiveStatus } from '../policy/verification-rules';
import { SMS_TOPIC, SmsPayload } from '../sms-outbox';
import { verificationConfig, VerificationConfig } from '../verification.config';
import { VerificationRepository } from '../verification.repository';
import { messageText } from './message-text';
import { routeAfterFailure, routeTarget } from './provider-route';
import { SmsProviders } from './sms-providers';
import { smsConfig, SmsConfig } from './sms.config';

/**
 * Sends queued codes. Each attempt re-reads its verification: a code is only sent while the verification is
 * pending and unexpired (by the database clock), so an expired code is never sent however long it queued.
 * A failed or timed-out send is retried on the same provider with backoff, then handed to the next one.
 */
@Injectable()
export class SmsOutboxHandler implements OutboxHandler, OnModuleInit {
  readonly topic = SMS_TOPIC;
  private readonly logger = new Logger('Sms');

  constructor(
    private readonly dispatcher: OutboxDispatcher,
    private readonly verifications: VerificationRepository,
    private readonly codec: OtpCodec,
    private readonly providers: SmsProviders,
    @Inject(smsConfig.KEY) private readonly config: SmsConfig,
    @Inject(verificationConfig.KEY) private readonly otp: VerificationConfig,
  ) {}

  onModuleInit(): void {
    this.dispatcher.register(this);
  }

  async deliver(message: OutboxMessage): Promise<DeliveryOutcome> {
    const payload = message.payload as SmsPayload;
    const target = await this.verifications.sendTarget(payload.verificationId);
    if (!target) return { kind: 'discard', reason: 'verification not found' };
    const status = effectiveStatus(target, target.now);
    if (status !== 'pending' || !target.codeSealed) return { kind: 'discard', reason: `verification is ${status}; code not sent` };

    const providers = this.providers.forChannel(payload.channel);
    const { provider: index, attempt } = routeTarget(message.route, this.config.triesPerProvider);
    const provider = providers[index];
    if (!provider) return { kind: 'dead', error: `no provider left for ${payload.channel}` };

    const code = this.codec.open(payload.verificationId, target.codeSealed);
    const result = await provider.send({
      messageId: message.id,
      verificationId: payload.verificationId,
      to: payload.to,
      channel: payload.channel,
      locale: payload.locale,
      code,
      body: messageText(payload.channel, payload.locale, code, Math.round(this.otp.ttlSeconds / 60)),
      ttlMinutes: Math.round(this.otp.ttlSeconds / 60),
    });
    if (result.ok) return { kind: 'delivered' };

    const next = routeAfterFailure(message.route, this.config.triesPerProvider, providers.length, result.retryable ?? true);
    if (next === null) return { kind: 'dead', error: `every provider failed; last: ${result.error}` };
    const handover = routeTarget(next, this.config.triesPerProvider).provider !== index;
    if (handover) this.logger.warn(`${provider.name} failed (${result.error}); handing message ${message.id} to the next provider`);
    return {
      kind: 'retry',
      error: result.error ?? 'send failed',
      route: next,
      // The next provider is tried at once; the same provider after a backoff.
      delayMs: handover ? 0 : backoffDelayMs(attempt + 1, { baseMs: this.config.retryBaseMs, capMs: 60000 }),
    };
  }
}
