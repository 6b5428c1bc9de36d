import { Channel } from '../policy/number-policy';
import { VerificationError } from '../verification-error';
import { AliyunSmsProvider } from './providers/aliyun.provider';
import { ConsoleSmsProvider } from './providers/console.provider';
import { TwilioSmsProvider } from './providers/twilio.provider';
import { WebhookSmsProvider } from './providers/webhook.provider';
import { SmsProvider } from './sms-message';
import { SmsConfig, SmsProviderName } from './sms.config';

/** The configured providers in failover order (SMS_PROVIDER). */
export class SmsProviders {
  constructor(private readonly all: readonly SmsProvider[]) {}

  static fromConfig(config: SmsConfig): SmsProviders {
    const build: Record<SmsProviderName, () => SmsProvider> = {
      console: () => new ConsoleSmsProvider(),
      webhook: () => new WebhookSmsProvider({ ...config.webhook, timeoutMs: config.sendTimeoutMs }),
      twilio: () => new TwilioSmsProvider({ ...config.twilio, timeoutMs: config.sendTimeoutMs }),
      aliyun: () => new AliyunSmsProvider({ ...config.aliyun, timeoutMs: config.sendTimeoutMs }),
    };
    return new SmsProviders(config.providers.map((name) => build[name]()));
  }

  /** The failover list for a channel: providers that cannot do it (Alibaba Cloud and voice) drop out. */
  forChannel(channel: Channel): readonly SmsProvider[] {
    return this.all.filter((provider) => provider.supports(channel));
  }

  /** Refuses, before anything is queued, a channel no configured provider can deliver. */
  assertChannel(channel: Channel): void {
    if (this.forChannel(channel).length === 0) {
      throw new VerificationError('channel_not_available', `no configured SMS provider can deliver a ${channel} message`, { channel });
    }
  }
}
