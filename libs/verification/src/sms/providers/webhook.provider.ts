import { postJson } from '@phonetrust/platform';
import { Channel } from '../../policy/number-policy';
import { SendResult, SmsMessage, SmsProvider } from '../sms-message';

/**
 * POSTs `{messageId, verificationId, to, channel, locale, code, body}` to SMS_WEBHOOK_URL, signed with
 * X-PhoneTrust-Signature (SPEC §7); any 2xx is accepted. For platforms with their own SMS gateway.
 */
export class WebhookSmsProvider implements SmsProvider {
  readonly name = 'webhook';

  constructor(private readonly options: { url: string; secret: string; timeoutMs: number }) {}

  supports(_channel: Channel): boolean {
    return true;
  }

  async send(message: SmsMessage): Promise<SendResult> {
    const { messageId, verificationId, to, channel, locale, code, body } = message;
    const result = await postJson(this.options.url, { messageId, verificationId, to, channel, locale, code, body }, {
      timeoutMs: this.options.timeoutMs,
      secret: this.options.secret,
    });
    return result.ok ? { ok: true, providerMessageId: messageId } : { ok: false, error: `webhook: ${result.error}` };
  }
}
