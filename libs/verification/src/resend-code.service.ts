import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RateLimiter } from '@phonetrust/platform';
import { Channel, numberPolicyRefusal } from './policy/number-policy';
import { sendRules } from './policy/verification-limits';
import { resendRefusal } from './policy/verification-rules';
import { refusalError } from './refusal-error';
import { SmsOutbox } from './sms-outbox';
import { SmsProviders } from './sms/sms-providers';
import { verificationConfig, VerificationConfig } from './verification.config';
import { VerificationError } from './verification-error';
import { VerificationRepository } from './verification.repository';
import { toVerificationView, VerificationView } from './verification-view';
import { parsePhone } from '@phonetrust/phone';

/** POST /v1/verifications/{id}/resend: the same code again (optionally by voice), within the cooldown and caps. */
@Injectable()
export class ResendCodeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly verifications: VerificationRepository,
    private readonly sms: SmsOutbox,
    private readonly providers: SmsProviders,
    private readonly limiter: RateLimiter,
    @Inject(verificationConfig.KEY) private readonly config: VerificationConfig,
  ) {}

  async resend(id: string, channel?: Channel): Promise<VerificationView> {
    const current = await this.verifications.findById(id);
    if (!current) throw new VerificationError('not_found', 'no such verification');
    const tooSoon = resendRefusal(current, current.now, this.config);
    if (tooSoon) throw refusalError(tooSoon);
    const nextChannel = channel ?? current.channel;
    if (nextChannel !== current.channel) {
      const parsed = parsePhone(current.phoneNumber);
      const refusal = parsed.ok ? numberPolicyRefusal(parsed.number, nextChannel, this.config.allowedCountries) : null;
      if (refusal) throw refusalError(refusal);
    }

    this.providers.assertChannel(nextChannel);
    const rules = sendRules(this.config.limits, current.phoneNumber);
    await this.limiter.consume(rules);
    let sent = false;
    try {
      const view = await this.dataSource.transaction(async (tx) => {
        const v = await this.verifications.lock(tx, id);
        const refusal = resendRefusal(v!, v!.now, this.config);
        if (refusal) throw refusalError(refusal);
        const updated = await this.verifications.recordSend(tx, id, nextChannel, v!.locale);
        await this.sms.queue(tx, { verificationId: id, to: updated.phoneNumber, channel: nextChannel, locale: updated.locale }, 'resend');
        return toVerificationView(updated, this.config);
      });
      sent = true;
      return view;
    } finally {
      if (!sent) await this.limiter.refund(rules);
    }
  }
}
