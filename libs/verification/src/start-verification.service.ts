import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Idempotency, isUniqueViolation, LimitRule, NormalizedPhone, Principal, RateLimiter, requirePhone, StoredResponse } from '@phonetrust/platform';
import { NumberStateReader } from '@phonetrust/scoring';
import { OtpCodec } from './otp/otp-codec';
import { Channel, numberPolicyRefusal } from './policy/number-policy';
import { newVerificationRules, sendRules } from './policy/verification-limits';
import { effectiveStatus, resendRefusal } from './policy/verification-rules';
import { refusalError } from './refusal-error';
import { resolveLocale } from './sms/message-text';
import { SmsOutbox } from './sms-outbox';
import { SmsProviders } from './sms/sms-providers';
import { verificationConfig, VerificationConfig } from './verification.config';
import { VerificationError } from './verification-error';
import { VerificationRepository, VerificationRow } from './verification.repository';
import { toVerificationView, VerificationView } from './verification-view';

export interface StartVerificationInput {
  merchantId: string;
  phoneNumber: string;
  country?: string;
  channel?: Channel;
  locale?: string;
  clientIp?: string;
}

/**
 * POST /v1/verifications: sends a one-time code to prove a merchant owns a number (201), or, while a
 * verification of the same merchant and number is pending, sends its code again (200).
 *
 * Limits are charged before the transaction (they are shared counters, not rows) and given back when
 * nothing was sent, so a refused or failed request costs no budget.
 */
@Injectable()
export class StartVerificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly verifications: VerificationRepository,
    private readonly states: NumberStateReader,
    private readonly codec: OtpCodec,
    private readonly sms: SmsOutbox,
    private readonly providers: SmsProviders,
    private readonly limiter: RateLimiter,
    private readonly idempotency: Idempotency,
    @Inject(verificationConfig.KEY) private readonly config: VerificationConfig,
  ) {}

  async start(caller: Principal, input: StartVerificationInput, idempotencyKey?: string | string[]): Promise<StoredResponse<VerificationView>> {
    const phone = requirePhone(input.phoneNumber, input.country);
    const channel = input.channel ?? 'sms';
    const locale = resolveLocale(input.locale);
    const refusal = numberPolicyRefusal(phone, channel, this.config.allowedCountries);
    if (refusal) throw refusalError(refusal);
    this.providers.assertChannel(channel);

    const claim = this.idempotency.claimFor(idempotencyKey, 'POST /v1/verifications', caller.keyId, input);
    const replayed = await this.idempotency.replay<VerificationView>(claim);
    if (replayed) return replayed;

    const pending = await this.verifications.findPending(input.merchantId, phone.e164);
    const isResend = pending !== null && effectiveStatus(pending, pending.now) === 'pending';
    if (isResend) {
      const tooSoon = resendRefusal(pending, pending.now, this.config);
      if (tooSoon) throw refusalError(tooSoon);
    }
    const rules: LimitRule[] = isResend
      ? sendRules(this.config.limits, phone.e164)
      : newVerificationRules(this.config.limits, { phoneNumber: phone.e164, merchantId: input.merchantId, clientIp: input.clientIp });
    await this.limiter.consume(rules);

    let sent = false;
    try {
      const outcome = await this.withOneRetryOnRace(() =>
        this.dataSource.transaction(async (tx) => {
          const prior = await this.idempotency.begin<VerificationView>(tx, claim);
          if (prior) return { response: prior, sent: false };
          const response = await this.sendInTransaction(tx, input, phone, channel, locale);
          await this.idempotency.complete(tx, claim, response);
          return { response, sent: true };
        }),
      );
      sent = outcome.sent;
      return outcome.response;
    } finally {
      if (!sent) await this.limiter.refund(rules);
    }
  }

  private async sendInTransaction(
    tx: EntityManager,
    input: StartVerificationInput,
    phone: NormalizedPhone,
    channel: Channel,
    locale: string,
  ): Promise<StoredResponse<VerificationView>> {
    if ((await this.states.stateOf(tx, phone.e164)) === 'suspended') {
      throw new VerificationError('number_suspended', 'this number is suspended and cannot be verified');
    }
    const pending = await this.verifications.lockPending(tx, input.merchantId, phone.e164);
    if (pending && effectiveStatus(pending, pending.now) === 'pending') {
      const refusal = resendRefusal(pending, pending.now, this.config);
      if (refusal) throw refusalError(refusal);
      const updated = await this.verifications.recordSend(tx, pending.id, channel, locale);
      await this.sms.queue(tx, { verificationId: updated.id, to: updated.phoneNumber, channel, locale }, 'resend');
      return { statusCode: 200, body: toVerificationView(updated, this.config) };
    }
    if (pending) await this.verifications.finish(tx, pending.id, 'expired');

    const id = randomUUID();
    const code = this.codec.generate();
    const created: VerificationRow = await this.verifications.insert(tx, {
      id,
      merchantId: input.merchantId,
      phoneNumber: phone.e164,
      country: phone.country,
      numberType: phone.type,
      channel,
      locale,
      codeHash: this.codec.hash(id, code),
      codeSealed: this.codec.seal(id, code),
      clientIp: input.clientIp ?? null,
      ttlSeconds: this.config.ttlSeconds,
    });
    await this.sms.queue(tx, { verificationId: id, to: phone.e164, channel, locale }, 'initial');
    return { statusCode: 201, body: toVerificationView(created, this.config) };
  }

  /** Two concurrent first starts for one merchant and number: the loser retries once and becomes a resend. */
  private async withOneRetryOnRace<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!isUniqueViolation(error, 'uq_verifications_pending')) throw error;
      return work();
    }
  }
}
