import { maskE164 } from '@phonetrust/phone';
import { Channel } from '../../policy/number-policy';
import { SendResult, SmsMessage, SmsProvider } from '../sms-message';

/**
 * Development only (refused when NODE_ENV=production): prints the message, code included, to stdout so a
 * developer can finish a verification without a provider. It bypasses the logger on purpose: the JSON logs
 * never carry codes.
 */
export class ConsoleSmsProvider implements SmsProvider {
  readonly name = 'console';

  constructor(private readonly write: (line: string) => void = (line) => process.stdout.write(line)) {}

  supports(_channel: Channel): boolean {
    return true;
  }

  async send(message: SmsMessage): Promise<SendResult> {
    this.write(`[sms:console] ${message.channel} to ${maskE164(message.to)} (${message.locale}): ${message.body}\n`);
    return { ok: true, providerMessageId: message.messageId };
  }
}
